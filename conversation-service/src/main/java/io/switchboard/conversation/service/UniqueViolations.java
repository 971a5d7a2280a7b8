package io.switchboard.conversation.service;

/** Recognises a unique-constraint violation (SQLSTATE 23505) however Hibernate Reactive wrapped it. */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    /** Whether {@code failure} or one of its causes is a unique violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && c.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} or one of its causes is a unique violation of the index or constraint {@code name}
     * (compared ignoring case; the driver's constraint field, else Hibernate's constraint name, else the message).
     */
    public static boolean isUniqueViolationOf(Throwable failure, String name) {
        if (!isUniqueViolation(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getConstraint() != null) {
                return name.equalsIgnoreCase(pg.getConstraint());
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c && c.getConstraintName() != null
                    && name.equalsIgnoreCase(c.getConstraintName())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains(name.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
