package io.epr.api.rest;

import io.epr.api.http.Routes;
import io.epr.ingest.IdempotentCreates;
import io.epr.ingest.TestReportIngest;
import io.epr.ingest.TestReportIngest.TestReportInput;
import io.epr.store.TestReportStore;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * JUnit XML test reports from build jobs:
 * {@code POST /api/v1/test-reports?name=&version=&release=&platform_id=&package=[&environment_id=&description=]} with
 * the report as the raw body, and {@code GET /api/v1/test-reports/{id}} giving it back as posted.
 */
public final class TestReportApi {
  public static final String PATH = "/api/v1/test-reports";

  private final TestReportIngest ingest;
  private final IdempotentCreates creates;
  private final TestReportStore store;

  public TestReportApi(TestReportIngest ingest, IdempotentCreates creates, TestReportStore store) {
    this.ingest = ingest;
    this.creates = creates;
    this.store = store;
  }

  public void mount(Router router) {
    router.post(PATH).handler(this::post);
    Routes.get(router, PATH + "/:id", this::get);
  }

  private void post(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    Buffer body = ctx.body().buffer();
    TestReportInput in = new TestReportInput(q.get("name"), q.get("version"), q.get("release"), q.get("platform_id"),
        q.get("package"), q.get("environment_id"),
        q.contains("description") ? q.get("description") : "JUnit test report",
        ctx.request().getHeader("Content-Type"), body == null ? new byte[0] : body.getBytes());
    IdempotencyKeys.caller(ctx).compose(caller -> creates.once(caller, c -> ingest.create(in, c)))
        .onSuccess(created -> Envelope.created(ctx, created)).onFailure(e -> Envelope.error(ctx, e, ""));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Envelope.document(ctx, "test report", id, store.document(id));
  }
}
