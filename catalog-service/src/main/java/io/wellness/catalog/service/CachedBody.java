package io.wellness.catalog.service;

/** A response serialised once per catalog version, with its strong entity tag and optional Link header. */
public record CachedBody(byte[] json, String etag, String link, int total) {
}
