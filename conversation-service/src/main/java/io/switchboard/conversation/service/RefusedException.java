package io.switchboard.conversation.service;

/**
 * An operator tool (canned responses, tags, notes, audit) refused a request; the message says why in words an
 * operator understands. REST: 404, 403 or 409 by {@link #reason()}.
 */
public class RefusedException extends RuntimeException {

    /** Why, and the HTTP status it becomes. */
    public enum Reason {
        /** 404: the thing does not exist (or the caller may not know that it does). */
        NOT_FOUND(404, "Not Found"),
        /** 403: it exists, but this operator may not do this to it. */
        NOT_ALLOWED(403, "Forbidden"),
        /** 409: it clashes with stored data (a duplicate name or shortcut) or with the thing's state. */
        CONFLICT(409, "Conflict"),
        /** 422: well-formed, but this thing cannot be changed that way (e.g. editing a message split into parts). */
        UNPROCESSABLE(422, "Unprocessable Content");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public RefusedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public static RefusedException notFound(String detail) {
        return new RefusedException(Reason.NOT_FOUND, detail);
    }

    public static RefusedException notAllowed(String detail) {
        return new RefusedException(Reason.NOT_ALLOWED, detail);
    }

    public static RefusedException conflict(String detail) {
        return new RefusedException(Reason.CONFLICT, detail);
    }

    public static RefusedException unprocessable(String detail) {
        return new RefusedException(Reason.UNPROCESSABLE, detail);
    }

    public Reason reason() {
        return reason;
    }
}
