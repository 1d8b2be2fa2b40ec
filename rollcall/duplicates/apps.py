from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    name = "rollcall.duplicates"

    def ready(self) -> None:
        from rollcall.duplicates.flags import pending_problems
        from rollcall.people.publishing import publication_checks

        # A held person goes public through a reviewer's keep apart, not around it.
        if pending_problems not in publication_checks:
            publication_checks.append(pending_problems)
