package io.switchboard.emulator.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /}: the customer console, the same page as {@code GET /emulator}. */
@Path("/")
public class ConsoleResource {

    /** The customer console page. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public String console() {
        return EmulatorResource.consolePage();
    }
}
