package io.wellness.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/**
 * A catalog row. Nested values are kept as JSON text and (de)serialised by {@code ExerciseMapper}, so the stored
 * document is exactly what the service validated.
 */
@Entity
@Table(name = "exercise")
public class ExerciseEntity extends PanacheEntityBase {
    @Id
    @Column(length = 80)
    public String id;

    @Column(name = "source_id", length = 80)
    public String sourceId;

    @Column(nullable = false, length = 20)
    public String position;

    @Column(nullable = false, length = 30)
    public String setting;

    @Column(nullable = false, length = 30)
    public String kind;

    @Column(nullable = false, length = 20)
    public String intensity;

    @Column(name = "duration_seconds", nullable = false)
    public int durationSeconds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String regions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String equipment;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String dose;

    @JdbcTypeCode(SqlTypes.JSON)
    public String progression;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public boolean retired;

    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    @Column(nullable = false, length = 10)
    public String origin;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
