package io.wellness.common.security;

/** Realm roles of the wellness realm (deploy/realm/wellness-realm.json). */
public final class Roles {
    public static final String EMPLOYEE = "employee";
    public static final String TEAM_LEAD = "team-lead";
    public static final String HR = "hr";
    public static final String ADMIN = "admin";
    /** Held by the wellness-services service account (service-to-service calls). */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
