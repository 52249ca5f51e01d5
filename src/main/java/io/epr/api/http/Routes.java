package io.epr.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Routes as Go EPR's router makes them, for every part of the API alike: a GET route also serves HEAD. */
public final class Routes {
  private Routes() {}

  public static void get(Router router, String path, Handler<RoutingContext> handler) {
    router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(handler);
  }
}
