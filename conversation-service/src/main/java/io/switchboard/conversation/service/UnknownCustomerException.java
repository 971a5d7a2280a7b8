package io.switchboard.conversation.service;

import java.util.UUID;

/** No customer has this id (REST: 404). */
public class UnknownCustomerException extends RuntimeException {

    public UnknownCustomerException(UUID id) {
        super("Customer " + id + " does not exist.");
    }
}
