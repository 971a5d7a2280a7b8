package io.switchboard.conversation.rest;

import io.switchboard.conversation.service.CustomerRecords;
import io.switchboard.conversation.service.UnknownCustomerException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Customers: the profile operators see beside a conversation, and erasure (admins). Errors are
 * {@code application/problem+json}: 401, 403, 404 unknown customer.
 */
@Path("/api/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerRecords customers;
    private final JsonWebToken jwt;

    public CustomerResource(CustomerRecords customers, JsonWebToken jwt) {
        this.customers = customers;
        this.jwt = jwt;
    }

    /**
     * {@code {id, displayName, username, nickname, languageCode, createdAt, conversations:[{id, codename, status,
     * createdAt, closedAt}]}}, conversations most recently opened first (at most 100).
     */
    @GET
    @Path("{id}")
    @RolesAllowed({"operator", "admin"})
    public Uni<CustomerProfileView> profile(@PathParam("id") UUID id) {
        return customers.profile(id).onFailure(UnknownCustomerException.class).transform(RecordsProblems::notFound);
    }

    /**
     * Erasure on the customer's request (admins): deletes every conversation of the customer (messages, notes, tag
     * links, timers; event {@code conversation.deleted} reason {@code erasure} each) and the customer row, keeps the
     * audit entries of those conversations without their before/after states, and records {@code customer.erased}
     * {@code {customerId, conversations}}. 204; 404 unknown customer.
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    public Uni<Void> erase(@PathParam("id") UUID id) {
        return customers.erase(id, Actors.from(jwt))
                .onFailure(UnknownCustomerException.class).transform(RecordsProblems::notFound)
                .replaceWithVoid();
    }

    /** Failures of records management as problems. */
    static final class RecordsProblems {
        private RecordsProblems() {
        }

        static Throwable notFound(Throwable e) {
            return new ProblemException(404, "Not Found", e.getMessage());
        }
    }
}
