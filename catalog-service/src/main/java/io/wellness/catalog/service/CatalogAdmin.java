package io.wellness.catalog.service;

import io.quarkus.logging.Log;
import io.wellness.catalog.mapping.ExerciseMapper;
import io.wellness.catalog.repository.CatalogStateEntity;
import io.wellness.catalog.repository.ExerciseEntity;
import io.wellness.catalog.rest.api.ExerciseInput;
import io.wellness.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;

/**
 * Content changes by admins. Each runs in one transaction that also bumps the catalog revision, so the catalog
 * version changes with every edit; the caller refreshes the read model after commit.
 */
@ApplicationScoped
public class CatalogAdmin {

    @Transactional
    public void create(String id, ExerciseInput input, String admin) {
        // the lock on the state row serialises creates, so a duplicate id is seen here, not as a failed commit
        CatalogStateEntity.findById(CatalogStateEntity.ID, LockModeType.PESSIMISTIC_WRITE);
        if (ExerciseEntity.findById(id) != null) {
            throw new ProblemException(409, "Conflict", "exercise '" + id + "' already exists");
        }
        ExerciseEntity row = new ExerciseEntity();
        row.id = id;
        ExerciseMapper.apply(input, row);
        row.origin = "admin";
        row.updatedAt = OffsetDateTime.now();
        row.persist();
        CatalogStateEntity.bumpRevision();
        Log.infof("exercise %s created by %s", id, admin);
    }

    /** Replaces an exercise; {@code expectedVersion} (from If-Match) must match the stored version when given. */
    @Transactional
    public void update(String id, ExerciseInput input, Long expectedVersion, String admin) {
        ExerciseEntity row = ExerciseEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ProblemException.notFound("exercise", id);
        }
        if (expectedVersion != null && expectedVersion != row.version) {
            throw new ProblemException(412, "Precondition Failed", "exercise '" + id + "' was changed meanwhile (version "
                    + row.version + ", If-Match names version " + expectedVersion + "); read it again and retry");
        }
        ExerciseMapper.apply(input, row);
        row.origin = "admin";
        row.updatedAt = OffsetDateTime.now();
        CatalogStateEntity.bumpRevision();
        Log.infof("exercise %s updated by %s", id, admin);
    }

    /** Retires an exercise: still readable by id, never planned again. Retiring twice changes nothing. */
    @Transactional
    public void retire(String id, String admin) {
        setRetired(id, true, admin);
    }

    /** Brings a retired exercise back into plans (a retirement by mistake). Reinstating an active one changes nothing. */
    @Transactional
    public void reinstate(String id, String admin) {
        setRetired(id, false, admin);
    }

    private void setRetired(String id, boolean retired, String admin) {
        ExerciseEntity row = ExerciseEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ProblemException.notFound("exercise", id);
        }
        if (row.retired == retired) {
            return;
        }
        row.retired = retired;
        row.origin = "admin";
        row.updatedAt = OffsetDateTime.now();
        row.retiredAt = retired ? row.updatedAt : null;
        CatalogStateEntity.bumpRevision();
        Log.infof("exercise %s %s by %s", id, retired ? "retired" : "reinstated", admin);
    }
}
