package io.influmeter.api.http;

import io.influmeter.api.auth.Role;
import io.javalin.security.RouteRole;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call a route. Every route declares one; the {@link AuthGate} enforces it and refuses
 * routes that declare none (fail closed).
 *
 * @param anonymous callable without a token
 * @param infrastructure health and metrics endpoints: public and not rate limited
 * @param roles roles admitted when a token is required
 */
public record Access(boolean anonymous, boolean infrastructure, Set<Role> roles) {

  /** Marker role handed to Javalin for public routes. */
  public enum Marker implements RouteRole {
    ANYONE,
    PROBE
  }

  public Access {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  public static Access anyone() {
    return new Access(true, false, Set.of());
  }

  public static Access probe() {
    return new Access(true, true, Set.of());
  }

  public static Access signedIn() {
    return new Access(false, false, EnumSet.allOf(Role.class));
  }

  public static Access roles(Role first, Role... more) {
    return new Access(false, false, EnumSet.of(first, more));
  }

  public boolean admits(Role role) {
    return anonymous || roles.contains(role);
  }

  /** The roles as Javalin route roles, read back by the gate through {@code ctx.routeRoles()}. */
  public RouteRole[] routeRoles() {
    if (infrastructure) {
      return new RouteRole[] {Marker.ANYONE, Marker.PROBE};
    }
    if (anonymous) {
      return new RouteRole[] {Marker.ANYONE};
    }
    return roles.stream().sorted().toArray(RouteRole[]::new);
  }

  /** Human-readable, for the OpenAPI document and the README. */
  public String describe() {
    if (anonymous) {
      return "anyone";
    }
    if (roles.size() == Role.values().length) {
      return "any signed-in user";
    }
    return String.join(", ", roles.stream().sorted().map(Role::name).toList());
  }

  public List<Role> sortedRoles() {
    return roles.stream().sorted().toList();
  }
}
