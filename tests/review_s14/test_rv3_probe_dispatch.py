import pytest

@pytest.fixture
def assistant(make_assistant):
    return make_assistant()

def _open(a, r):
    return a.plan(r, narrative=False).incident_id

@pytest.mark.parametrize("order", ["send KAI-A1 and a ladder to Bulevardi 14", "send HAK-E1 and two ambulances to Bulevardi 14",
    "dispatch KAI-A1 to Bulevardi 16", "send two ambulances to Bulevardi 14", "send KAI-A1 to the fire"])
def test_probe(assistant, restore_units, order):
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs, people trapped on the 5th floor")
    for sel in (fire, None):
        reply = list(assistant.chat(order, sel))[-1]
        commits = [(p.args, p.summary) for p in reply.proposals if p.action == "commit_dispatch"]
        print("\nORDER", order, "SEL", sel, "->", commits, "\nTEXT", reply.text[-600:])
        for p in reply.proposals:
            assistant._proposals.reject(p.proposal_id) if hasattr(assistant._proposals, "reject") else None
    assert False
