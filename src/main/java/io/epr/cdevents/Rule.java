package io.epr.cdevents;

/** One translation rule: the events it matches and what it emits for them. */
record Rule(Match match, Emission emission) {}
