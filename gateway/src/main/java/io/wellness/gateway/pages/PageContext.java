package io.wellness.gateway.pages;

import io.wellness.common.security.Caller;
import io.wellness.common.security.Roles;

import java.util.List;

/** What every page needs besides its own content: who is signed in, their language and the CSRF token. */
public record PageContext(String username, List<String> teams, boolean teamLead, boolean hr, boolean admin,
                          String lang, String otherLang, String csrfToken, String path) {

    static PageContext of(Caller caller, String lang, String csrfToken, String path) {
        return new PageContext(caller.username(), caller.teams().stream().sorted().toList(),
                caller.hasRole(Roles.TEAM_LEAD), caller.hasRole(Roles.HR), caller.hasRole(Roles.ADMIN),
                lang, "de".equals(lang) ? "en" : "de", csrfToken, path);
    }
}
