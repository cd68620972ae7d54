"""A small literal world for solver tests: six sections, four service cards, an owner table,
a bag-of-words embedder and a lexical retriever. Nothing here loads a model."""

from __future__ import annotations

import hashlib

import numpy as np

from tutor.knowledge.corpus import Section
from tutor.solve.evidence import EvidenceBank
from tutor.solve.facts import Entity, FactCards, ResponsibilityItem
from tutor.solve.lexicon import tokens
from tutor.solve.solver import ExamSolver


class HashingEmbedder:
    """Bag of stemmed words hashed into 512 dimensions: texts sharing words are similar."""

    name = "hashing-bag-of-words"

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in tokens(text):
                vectors[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 512] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


def _section(id: str, title: str, text: str, file: str = "corpus/test.md") -> Section:
    return Section(id=id, title=title, file=file, text=text, topic="test")


SECTIONS = [
    _section("srm-aws", "What AWS secures",
             "AWS secures the physical data centres, the hardware and the hypervisor that isolates instances."),
    _section("srm-customer", "What the customer secures",
             "The customer patches the guest operating system of EC2 instances and configures security groups."),
    _section("svc-guardduty", "Amazon GuardDuty",
             "GuardDuty watches account activity and network traffic to detect threats such as malicious IP addresses. "
             "Scanning container images for software vulnerabilities is the job of Amazon Inspector."),
    _section("svc-inspector", "Amazon Inspector",
             "Inspector scans EC2 instances and container images for software vulnerabilities."),
    _section("compliance-artifact", "AWS Artifact",
             "Artifact gives on-demand downloads of compliance reports such as SOC and ISO reports."),
    _section("org-overview", "AWS Organizations",
             "Organizations manages many accounts centrally and offers consolidated billing for member accounts."),
]

CARDS = FactCards(
    entities=[
        Entity("guardduty", "Amazon GuardDuty", ("GuardDuty",), "service",
               ("Detects threats such as malicious IP addresses in account activity and network traffic",),
               ("Scanning software for vulnerabilities",), ("inspector",), "svc-guardduty"),
        Entity("inspector", "Amazon Inspector", ("Inspector",), "service",
               ("Scans EC2 instances and container images for software vulnerabilities",),
               ("Detecting malicious IP addresses",), ("guardduty",), "svc-inspector"),
        Entity("artifact", "AWS Artifact", ("Artifact",), "service",
               ("On-demand downloads of compliance reports such as SOC and ISO reports",), (), (), "compliance-artifact"),
        Entity("organizations", "AWS Organizations", ("Organizations",), "service",
               ("Manages many accounts centrally", "Consolidated billing for member accounts"), (), (), "org-overview"),
    ],
    responsibilities=[
        ResponsibilityItem("dc", "Physical security of the data centres", "aws", "general", "srm-aws"),
        ResponsibilityItem("hv", "Securing the hypervisor that isolates instances", "aws", "general", "srm-aws"),
        ResponsibilityItem("guest", "Patching the guest operating system of an EC2 instance", "customer", "ec2", "srm-customer"),
        ResponsibilityItem("sg", "Configuring security group rules", "customer", "general", "srm-customer"),
        ResponsibilityItem("rds-engine", "Patching the database engine of an RDS database", "aws", "rds", "srm-aws"),
    ],
)


class LexicalRetriever:
    """Ranks the literal sections by shared words, like a tiny BM25."""

    class _Hit:
        def __init__(self, section: Section) -> None:
            self.id = self.section_id = section.id
            self.title, self.source, self.text = section.title, section.file, section.text

    def search(self, query: str, k: int = 5) -> list:
        wanted = set(tokens(query))
        ranked = sorted(SECTIONS, key=lambda s: (-len(wanted & set(tokens(s.title + " " + s.text))), s.id))
        return [self._Hit(s) for s in ranked[:k]]


def fake_solver() -> ExamSolver:
    """A solver over the literal world above."""
    return ExamSolver(EvidenceBank(SECTIONS, CARDS, HashingEmbedder(), retriever=LexicalRetriever()))
