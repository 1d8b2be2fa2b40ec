"""`rollcall review list|accept|reject`: the review queue from the command line.

Accepting here does what accepting in the review page does (rollcall.ingest.accept); each
proposal is its own transaction, so one that cannot be accepted is reported and the others are
still reviewed.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rollcall.ingest.accept import ReviewError, accept, reject
from rollcall.ingest.management.commands.extract import person_text, registry_problem
from rollcall.ingest.matching import list_of
from rollcall.ingest.models import Proposal, ProposalStatus
from rollcall.lib.acting import acting_user_or_exit
from rollcall.lib.progress import progress


class Command(BaseCommand):
    help = "List the proposals waiting for review, accept them, or reject them with a reason."

    def add_arguments(self, parser: ArgumentParser) -> None:
        assert isinstance(parser, CommandParser)
        commands = parser.add_subparsers(dest="action", metavar="list|accept|reject")
        commands.required = True
        listing = commands.add_parser("list", help="the proposals waiting for review")
        listing.add_argument(
            "--format",
            choices=["jsonl", "text"],
            default="jsonl",
            help="the review JSON, one line per proposal (default), or a summary to read",
        )
        accepting = commands.add_parser("accept", help="accept proposals, creating their records")
        accepting.add_argument("ids", nargs="*", metavar="ID", help="proposal ids (p-…)")
        accepting.add_argument("--all", action="store_true", help="every pending proposal")
        accepting.add_argument("--as", dest="user", metavar="USER", help="the reviewer's user name")
        rejecting = commands.add_parser("reject", help="reject proposals, keeping the reason")
        rejecting.add_argument("ids", nargs="+", metavar="ID", help="proposal ids (p-…)")
        rejecting.add_argument("--reason", required=True, help="why they are rejected")
        rejecting.add_argument("--as", dest="user", metavar="USER", help="the reviewer's user name")

    def handle(self, *args: Any, **options: Any) -> None:
        problem = registry_problem()
        if problem:
            self.stderr.write(problem)
            raise SystemExit(1)
        action = options["action"]
        if action == "list":
            self.list_pending(options["format"])
            return
        reviewer = acting_user_or_exit(options.get("user"), self.stderr)
        if action == "accept":
            if options["all"] == bool(options["ids"]):
                raise CommandError("give proposal ids or --all, not both", returncode=2)
            ids = list(options["ids"])
            if options["all"]:
                ids = list(pending().values_list("uid", flat=True))
            failed = self.accept(ids, reviewer)
        else:
            failed = self.reject(options["ids"], options["reason"], reviewer)
        if failed:
            raise SystemExit(1)

    def list_pending(self, format: str) -> None:
        for proposal in pending():
            if format == "jsonl":
                self.stdout.write(json.dumps(review_json(proposal), ensure_ascii=False))
            else:
                self.stdout.write(review_text(proposal))

    def accept(self, ids: list[str], reviewer: AbstractBaseUser | None) -> bool:
        failed = False
        for uid in progress(ids, len(ids), "Accepting"):
            try:
                outcome = accept(uid, reviewer)
            except ReviewError as exc:
                self.stderr.write(str(exc))
                failed = True
                continue
            if outcome.already:
                self.stdout.write(f"{uid}: already accepted")
            else:
                made = ", ".join(f"{len(ids)} {label}" for label, ids in outcome.created.items())
                self.stdout.write(f"{uid}: accepted" + (f" (created {made})" if made else ""))
        return failed

    def reject(self, ids: list[str], reason: str, reviewer: AbstractBaseUser | None) -> bool:
        if not reason.strip():
            self.stderr.write("--reason: give the reason for rejecting")
            return True
        failed = False
        for uid in ids:
            try:
                reject(uid, reason.strip(), reviewer)
            except ReviewError as exc:
                self.stderr.write(str(exc))
                failed = True
                continue
            self.stdout.write(f"{uid}: rejected")
        return failed


def pending() -> Any:
    return (
        Proposal.objects.filter(status=ProposalStatus.PENDING)
        .select_related("source")
        .order_by("source_id", "position", "id")
    )


def review_json(proposal: Proposal) -> dict[str, object]:
    return {
        "id": proposal.uid,
        "status": proposal.status,
        "type": proposal.kind,
        "source": {"title": proposal.source.title, "sha256": proposal.source.sha256},
        "proposal": proposal.proposal,
        "evidence": proposal.evidence,
    }


def review_text(proposal: Proposal) -> str:
    fact = proposal.proposal if isinstance(proposal.proposal, dict) else {}
    parts = [proposal.uid, proposal.kind]
    for key in ("release_kind", "measure", "date", "country"):
        if fact.get(key):
            parts.append(str(fact[key]))
    count = fact.get("count")
    if isinstance(count, dict) and count.get("value") is not None:
        qualifier = str(count.get("qualifier") or "exact").replace("_", " ")
        parts.append(("" if qualifier == "exact" else qualifier + " ") + f"{count['value']:,}")
    lines = ["  ".join(parts) + f"  [{proposal.source.title or proposal.source}]"]
    lines += ["    " + person_text(p) for p in list_of(fact.get("persons"))]
    return "\n".join(lines)
