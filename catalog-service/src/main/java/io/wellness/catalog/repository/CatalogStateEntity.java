package io.wellness.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The single row holding the catalog revision, bumped with every content change. */
@Entity
@Table(name = "catalog_state")
public class CatalogStateEntity extends PanacheEntityBase {
    public static final short ID = 1;

    @Id
    public short id;

    @Column(nullable = false)
    public long revision;

    @Column(name = "seed_revision", nullable = false)
    public int seedRevision;

    @Column(name = "seed_sha256", nullable = false, length = 64)
    public String seedSha256;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static long currentRevision() {
        return find("select s.revision from CatalogStateEntity s where s.id = ?1", ID).project(Long.class).singleResult();
    }

    /** Bumps the revision inside the caller's transaction (an atomic update, so concurrent edits never collide). */
    public static void bumpRevision() {
        update("revision = revision + 1, updatedAt = ?1 where id = ?2", OffsetDateTime.now(), ID);
    }
}
