"""tutor: a terminal tutor for the security module of the AWS Certified Cloud Practitioner exam."""

__version__ = "0.1.0"
