package io.switchboard.gateway.domain;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an operator may do. Stored as its name; carried in access tokens as {@link #groups()}. */
public enum OperatorRole {
    /** Manages operators and everything an {@link #OPERATOR} does. */
    ADMIN(List.of("admin", "operator")),
    /** Answers customers. */
    OPERATOR(List.of("operator"));

    private final Set<String> groups;

    OperatorRole(List<String> groups) {
        this.groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    }

    /** The JWT {@code groups} claim for this role, most privileged first (e.g. {@code ["admin","operator"]}). */
    public Set<String> groups() {
        return groups;
    }
}
