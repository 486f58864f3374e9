package io.wellness.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One item of general safety guidance; {@code text} maps language to text. */
@Entity
@Table(name = "safety_guidance")
public class SafetyGuidanceEntity extends PanacheEntityBase {
    @Id
    @Column(length = 80)
    public String id;

    @Column(nullable = false)
    public int ordinal;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String text;
}
