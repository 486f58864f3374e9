package io.wellness.catalog.rest.api;

/** The catalog version: "<revision>-<first 12 hex digits of the content SHA-256>". */
public record CatalogVersionView(String version, long revision, String sha256, int exercises, int active) {
}
