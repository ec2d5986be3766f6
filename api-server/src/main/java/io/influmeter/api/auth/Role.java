package io.influmeter.api.auth;

import io.javalin.security.RouteRole;

/** The role of a user account; also what a route declares it admits. */
public enum Role implements RouteRole {
  INFLUENCER,
  BRAND,
  ADMIN
}
