package io.wellness.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An article the content was written from. */
@Entity
@Table(name = "catalog_source")
public class SourceEntity extends PanacheEntityBase {
    @Id
    @Column(length = 80)
    public String id;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(name = "seed_file", length = 200)
    public String seedFile;

    @Column(length = 200)
    public String publisher;

    @Column(length = 500)
    public String url;
}
