"""The canonical fields of a registration (GUIDE.md, "The data contract")."""

# Fields a question header can be mapped to, in the order the report shows them.
ANSWER_FIELDS = ("full_name", "email", "phone", "institution", "specialty", "role", "city")
# Name parts some forms ask for separately; joined into full_name when there is no ФИО question.
NAME_PART_FIELDS = ("last_name", "first_name", "middle_name")
CANONICAL_FIELDS = ("submitted_at", *ANSWER_FIELDS, *NAME_PART_FIELDS)
REQUIRED_FIELDS = ("full_name",)

# Provenance every raw response carries.
PROVENANCE = ("source", "source_row", "submitted_at")
ROLES = ("student", "master", "phd", "teacher", "staff", "other")
