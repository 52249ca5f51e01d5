package io.epr.api.rest;

import io.epr.api.http.Routes;
import io.epr.ingest.IdempotentCreates;
import io.epr.ingest.SbomIngest;
import io.epr.ingest.SbomIngest.SbomInput;
import io.epr.store.SbomStore;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CycloneDX SBOMs from build jobs: {@code POST /api/v1/sboms?name=&version=&release=&platform_id=&package=} with the
 * document as the raw body (JSON or XML, 1.2–1.6), and {@code GET /api/v1/sboms/{id}} giving it back as posted.
 */
public final class SbomApi {
  private final SbomIngest ingest;
  private final IdempotentCreates creates;
  private final SbomStore store;

  public SbomApi(SbomIngest ingest, IdempotentCreates creates, SbomStore store) {
    this.ingest = ingest;
    this.creates = creates;
    this.store = store;
  }

  public void mount(Router router) {
    router.post("/api/v1/sboms").handler(this::post);
    Routes.get(router, "/api/v1/sboms/:id", this::get);
  }

  private void post(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    Buffer body = ctx.body().buffer();
    SbomInput in = new SbomInput(q.get("name"), q.get("version"), q.get("release"), q.get("platform_id"),
        q.get("package"), q.contains("description") ? q.get("description") : "CycloneDX SBOM",
        body == null ? new byte[0] : body.getBytes());
    IdempotencyKeys.caller(ctx).compose(caller -> creates.once(caller, c -> ingest.create(in, c)))
        .onSuccess(created -> Envelope.created(ctx, created)).onFailure(e -> Envelope.error(ctx, e, ""));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Envelope.document(ctx, "sbom", id, store.document(id));
  }
}
