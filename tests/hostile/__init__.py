"""Hostile input and fault injection (issue 9): every case ends clean or fails cleanly."""
