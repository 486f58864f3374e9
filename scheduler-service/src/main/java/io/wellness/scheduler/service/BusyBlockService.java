package io.wellness.scheduler.service;

import io.agroal.api.AgroalDataSource;
import io.wellness.common.problem.ProblemException;
import io.wellness.scheduler.repository.ScheduleQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An employee's busy blocks (meetings); each change reschedules their next break. */
@ApplicationScoped
public class BusyBlockService {
    static final Duration MAX_BLOCK = Duration.ofHours(24);
    static final Duration MAX_AHEAD = Duration.ofDays(400);

    public record BusyBlock(UUID id, Instant startsAt, Instant endsAt, String title) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScheduleService schedules;

    @Inject
    Clock clock;

    @Transactional
    public List<BusyBlock> list(String employeeId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     select id, starts_at, ends_at, title from busy_block
                     where employee_id = ? and ends_at > ? order by starts_at""")) {
            SettingsService.existing(connection, employeeId);
            ps.setString(1, employeeId);
            ps.setObject(2, ScheduleQueries.utc(clock.instant()));
            List<BusyBlock> blocks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    blocks.add(new BusyBlock(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), rs.getString(4)));
                }
            }
            return blocks;
        }
    }

    @Transactional
    public BusyBlock create(String employeeId, BusyBlock block) throws SQLException {
        Instant now = clock.instant();
        validate(block, now);
        try (Connection connection = dataSource.getConnection()) {
            SettingsService.existing(connection, employeeId);
            int max = ScheduleQueries.policy(connection).maxBusyBlocks();
            try (PreparedStatement count = connection.prepareStatement(
                    "select count(*) from busy_block where employee_id = ? and ends_at > ?")) {
                count.setString(1, employeeId);
                count.setObject(2, ScheduleQueries.utc(now));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= max) {
                        throw new ProblemException(409, "Conflict", "at most " + max + " upcoming busy blocks per employee");
                    }
                }
            }
            BusyBlock created = new BusyBlock(UUID.randomUUID(), block.startsAt(), block.endsAt(), block.title());
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into busy_block (id, employee_id, starts_at, ends_at, title) values (?, ?, ?, ?, ?)")) {
                ps.setObject(1, created.id());
                ps.setString(2, employeeId);
                ps.setObject(3, ScheduleQueries.utc(created.startsAt()));
                ps.setObject(4, ScheduleQueries.utc(created.endsAt()));
                ps.setString(5, created.title());
                ps.executeUpdate();
            }
            schedules.reschedule(connection, employeeId, now);
            return created;
        }
    }

    @Transactional
    public BusyBlock replace(String employeeId, UUID id, BusyBlock block) throws SQLException {
        Instant now = clock.instant();
        validate(block, now);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "update busy_block set starts_at = ?, ends_at = ?, title = ? where id = ? and employee_id = ?")) {
            ps.setObject(1, ScheduleQueries.utc(block.startsAt()));
            ps.setObject(2, ScheduleQueries.utc(block.endsAt()));
            ps.setString(3, block.title());
            ps.setObject(4, id);
            ps.setString(5, employeeId);
            if (ps.executeUpdate() == 0) {
                throw ProblemException.notFound("Busy block", id);
            }
            schedules.reschedule(connection, employeeId, now);
            return new BusyBlock(id, block.startsAt(), block.endsAt(), block.title());
        }
    }

    @Transactional
    public void delete(String employeeId, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("delete from busy_block where id = ? and employee_id = ?")) {
            ps.setObject(1, id);
            ps.setString(2, employeeId);
            // someone else's block is reported as missing: its existence is none of the caller's business
            if (ps.executeUpdate() == 0) {
                throw ProblemException.notFound("Busy block", id);
            }
            schedules.reschedule(connection, employeeId, clock.instant());
        }
    }

    private static void validate(BusyBlock block, Instant now) {
        FieldErrors errors = new FieldErrors();
        if (block == null) {
            errors.add("", "a busy block {startsAt, endsAt, title} is required");
            errors.throwIfAny("invalid busy block");
            return;
        }
        if (block.startsAt() == null) {
            errors.add("startsAt", "is required (ISO-8601 instant)");
        }
        if (block.endsAt() == null) {
            errors.add("endsAt", "is required (ISO-8601 instant)");
        } else if (!block.endsAt().isAfter(now)) {
            errors.add("endsAt", "must be in the future");
        } else if (block.endsAt().isAfter(now.plus(MAX_AHEAD))) {
            errors.add("endsAt", "must be within " + MAX_AHEAD.toDays() + " days");
        }
        if (block.startsAt() != null && block.endsAt() != null) {
            if (!block.endsAt().isAfter(block.startsAt())) {
                errors.add("endsAt", "must be after startsAt");
            } else if (Duration.between(block.startsAt(), block.endsAt()).compareTo(MAX_BLOCK) > 0) {
                errors.add("endsAt", "a busy block lasts at most 24 hours");
            }
        }
        if (block.title() != null && block.title().length() > 200) {
            errors.add("title", "must be at most 200 characters");
        }
        errors.throwIfAny("invalid busy block");
    }
}
