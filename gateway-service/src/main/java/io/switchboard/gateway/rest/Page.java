package io.switchboard.gateway.rest;

import java.util.List;

/**
 * One page of a keyset-paginated list.
 *
 * @param items      the page's items
 * @param nextCursor opaque cursor for the following page ({@code ?cursor=}), null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
}
