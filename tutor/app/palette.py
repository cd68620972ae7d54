"""The command palette (ctrl+p) offers every slash command, so nothing needs to be memorised."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.app.slash import SLASH_COMMANDS


class SlashCommandProvider(Provider):
    """One palette entry per slash command; choosing it runs the command with no arguments."""

    def _entries(self):
        for spec in SLASH_COMMANDS.values():
            yield f"/{spec.name}", spec.summary

    async def discover(self) -> Hits:
        for name, summary in self._entries():
            yield DiscoveryHit(name, partial(self.app.run_slash, name), help=summary)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, summary in self._entries():
            score = max(matcher.match(name), matcher.match(summary) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_slash, name), help=summary)
