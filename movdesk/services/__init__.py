"""One function per user action: validate with the rules, write in one transaction, audit."""
