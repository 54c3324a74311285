"""The canonical fields of a registration (docs/architecture.md, "The data contract")."""

# Fields a question header can be mapped to, in the order the report shows them.
ANSWER_FIELDS = ("full_name", "email", "phone", "institution", "specialty", "role", "city")
# Name parts some forms ask for separately; joined into full_name when there is no ФИО question.
NAME_PART_FIELDS = ("last_name", "first_name", "middle_name")
CANONICAL_FIELDS = ("submitted_at", *ANSWER_FIELDS, *NAME_PART_FIELDS)
REQUIRED_FIELDS = ("full_name",)

# Provenance every raw response carries.
PROVENANCE = ("source", "source_row", "submitted_at")
# The canonical order of responses (dedup's), by these columns where present; `ref` tells
# apart a row number reused after a deletion ("form:4" and "form:4 (deleted)").
CANONICAL_ORDER = ("source", "source_row", "ref")
ROLES = ("student", "master", "phd", "teacher", "staff", "other")
