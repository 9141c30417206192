import itertools, random
import pytest
from .test_selectors import build_sample
pytestmark = pytest.mark.django_db
VALUES = ["", " ", "0", "-1", "1.5", "99999999999999999999999", "abc", "é", "\u202e", "%", "'", '"', "*", "(", ")", "NEAR(", "a" * 300, "giovani", "guide", "pa", "intro", "it", "recent", "relevance", "analysis", "true", "null", "[]", "{}", "\ud800"]
PARAMS = ["q", "kind", "theme", "method", "phase", "audience", "level", "language", "sort", "page", "page_size"]
def test_fuzz(client):
    build_sample()
    rnd = random.Random(1)
    bad = []
    for _ in range(600):
        params = {}
        for name in rnd.sample(PARAMS, rnd.randint(1, 5)):
            params[name] = [rnd.choice(VALUES) for _ in range(rnd.randint(1, 3))]
        try:
            r = client.get("/api/v1/resources", params)
        except Exception as e:
            bad.append((params, repr(e)[:200])); continue
        if r.status_code >= 500 or r.status_code not in (200, 400, 422):
            bad.append((params, r.status_code))
    for v in VALUES:
        try:
            r = client.get("/api/v1/resources/" + __import__("urllib.parse").parse.quote(v, safe=""))
            if r.status_code >= 500: bad.append((v, r.status_code))
        except Exception as e:
            bad.append((v, repr(e)[:200]))
    for _ in range(300):
        params = {}
        for name in rnd.sample(["q","tipo","tema","metodo","fase","pubblico","livello","lingua","ordina","pagina"], rnd.randint(1, 5)):
            params[name] = [rnd.choice(VALUES + ["guida","analisi","cittadini","base","utili"]) for _ in range(rnd.randint(1, 3))]
        for headers in ({}, {"HX-Request": "true"}):
            try:
                r = client.get("/strumenti/", params, headers=headers)
            except Exception as e:
                bad.append((params, repr(e)[:200])); continue
            if r.status_code != 200 and r.status_code != 400:
                bad.append((params, r.status_code))
    print(bad[:10], len(bad))
    assert not bad
