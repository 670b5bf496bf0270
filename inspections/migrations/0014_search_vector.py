"""A stored search vector for findings on PostgreSQL, kept up to date by the database.

The column is filled by a trigger on every insert and on every update of the four searched columns
(reference, text, context, response), and a GIN index serves the findings list's search and its
count without computing to_tsvector for each candidate row; an index on the upper-case reference
serves the other half of the search (a reference typed exactly), so the whole condition is indexed. A trigger rather than a generated
column, so that a later migration may still change those columns' types. SQLite (the embedded
demo) has neither: its search matches words with LIKE (findings/filters.py).
"""

from django.db import migrations

FORWARD = """
ALTER TABLE inspections_finding ADD COLUMN search_vector tsvector;
CREATE FUNCTION inspections_finding_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector('english'::regconfig,
        coalesce(NEW.reference, '') || ' ' || coalesce(NEW.text, '') || ' ' ||
        coalesce(NEW.context, '') || ' ' || coalesce(NEW.response, ''));
    RETURN NEW;
END
$$;
CREATE TRIGGER inspections_finding_search_vector
    BEFORE INSERT OR UPDATE OF reference, text, context, response ON inspections_finding
    FOR EACH ROW EXECUTE FUNCTION inspections_finding_search_vector();
UPDATE inspections_finding SET reference = reference;
CREATE INDEX inspections_finding_search ON inspections_finding USING gin (search_vector);
CREATE INDEX inspections_finding_reference_upper ON inspections_finding (upper(reference::text));
ANALYZE inspections_finding;
"""

BACKWARD = """
DROP INDEX IF EXISTS inspections_finding_search;
DROP INDEX IF EXISTS inspections_finding_reference_upper;
DROP TRIGGER IF EXISTS inspections_finding_search_vector ON inspections_finding;
DROP FUNCTION IF EXISTS inspections_finding_search_vector();
ALTER TABLE inspections_finding DROP COLUMN IF EXISTS search_vector;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0013_journeys")]

    operations = [migrations.RunPython(forward, backward)]
