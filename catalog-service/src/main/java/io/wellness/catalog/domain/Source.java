package io.wellness.catalog.domain;

/** An article the catalog content was written from. */
public record Source(String id, String title, String seedFile, String publisher, String url) {
}
