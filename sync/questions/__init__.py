"""Reading a form's questions as the canonical fields, the way a person would: by the
wording of each question (wording.py), by what its answers look like (answers.py), and
both weighed together to hand each field to one question (assign.py)."""
