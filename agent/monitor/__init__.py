"""The situation picture from a stream of reports: intake, batch triage, grouping into incidents, counts and spikes.

Pure algorithms (``feed``, ``grouping``, ``spikes``, ``textvec``) import nothing from the rest of the project, so they
are easy to test; ``pipeline`` wires them to the triage classifier, the gazetteer and the incident store.
"""
