"""The public progress pages (/public/): what an OPCC publishes about its force's inspections, read-only
and without signing in. services.py publishes and unpublishes (OPCC staff, from the inspection page);
selectors.py builds every public page's data as plain dicts from explicit field lists."""
