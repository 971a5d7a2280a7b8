package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Short rest-assured calls to the Bot API surface and the control API, for one bot token. */
final class EmulatorApi {

    private final String token;

    EmulatorApi(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    /** POST /bot{token}/{method} with a JSON body. */
    Response call(String method, Map<String, ?> params) {
        return given().contentType(ContentType.JSON).body(params).post("/bot" + token + "/" + method);
    }

    /** POST /bot{token}/{method} without parameters. */
    Response call(String method) {
        return given().post("/bot" + token + "/" + method);
    }

    /** getUpdates with the given query parameters (e.g. {@code "offset", 5, "timeout", 0}). */
    Response getUpdates(Object... query) {
        var request = given();
        for (int i = 0; i + 1 < query.length; i += 2) {
            request = request.queryParam(String.valueOf(query[i]), query[i + 1]);
        }
        return request.get("/bot" + token + "/getUpdates");
    }

    /** Queues raw Update JSON (an object or an array) and returns the assigned update_ids. */
    List<Long> queue(String updatesJson) {
        return given().contentType(ContentType.JSON).queryParam("token", token).body(updatesJson)
                .post("/emulator/updates")
                .then().statusCode(202)
                .extract().jsonPath().getList("updateIds", Long.class);
    }

    /** A customer's text message from private chat {@code chatId}; returns the queued Update. */
    Response customerSays(long chatId, String text) {
        return given().contentType(ContentType.JSON).queryParam("token", token)
                .body(Map.of("text", text, "firstName", "Alice"))
                .post("/emulator/customers/" + chatId + "/messages");
    }

    /** sendMessage as JSON. */
    Response sendMessage(Object chatId, String text) {
        return call("sendMessage", Map.of("chat_id", chatId, "text", text));
    }
}
