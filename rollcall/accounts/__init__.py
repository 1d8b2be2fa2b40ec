"""Staff accounts: users and the roles that say what each may change."""
