package org.termsguard.ingest.producers.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.ingest.producers.service.ProducerAccounts;

/** Platform admins create producers and manage their API keys. */
@Path("/v1/producers")
@Tag(name = "producers", description = "Producers and their API keys (platform admins)")
@SecurityScheme(
        securitySchemeName = "jwt",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "A JWT whose groups claim holds platform-admin")
@SecurityRequirement(name = "jwt")
@RolesAllowed("platform-admin")
@Produces(MediaType.APPLICATION_JSON)
public class ProducerResource {

    static final String PARTY_ID = "[a-z0-9][a-z0-9._-]{0,62}";
    private static final String ISSUED_EXAMPLE =
            """
            {"producerId":"x-gateway","keyId":"3f9c2a7d1e6b4c08","apiKey":"tgk_3f9c2a7d1e6b4c08_kQ4r...","owners":["x-corp"]}""";

    public record NewProducer(
            @NotBlank
                    @Pattern(
                            regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}",
                            message = "must be 1-128 letters, digits, '.', '_' or '-'")
                    String producerId,
            @NotBlank @Size(max = 256) String name,
            @NotEmpty List<@Pattern(regexp = PARTY_ID, message = "must be an owner id") String> owners) {}

    public record NewKey(@NotEmpty List<@Pattern(regexp = PARTY_ID, message = "must be an owner id") String> owners) {}

    private final ProducerAccounts accounts;

    public ProducerResource(ProducerAccounts accounts) {
        this.accounts = accounts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a producer with its first API key",
            description = "The key is in the answer and never shown again; only its SHA-256 is stored.")
    @APIResponse(
            responseCode = "201",
            description = "Created; the key is shown once",
            content =
                    @Content(
                            schema = @Schema(implementation = ProducerAccounts.IssuedKey.class),
                            examples = @ExampleObject(name = "issued", value = ISSUED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "409", description = "The producer exists")
    public Uni<Response> create(@Valid @NotNull NewProducer request) {
        return accounts.create(request.producerId(), request.name(), request.owners())
                .map(issued -> Response.created(URI.create("/v1/producers/" + issued.producerId()))
                        .entity(issued)
                        .build());
    }

    @POST
    @Path("{producerId}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Issue another API key to a producer",
            description = "For rotation: issue the new key, switch the producer over, then revoke the old one.")
    @APIResponse(
            responseCode = "201",
            description = "Issued; the key is shown once",
            content =
                    @Content(
                            schema = @Schema(implementation = ProducerAccounts.IssuedKey.class),
                            examples = @ExampleObject(name = "issued", value = ISSUED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such producer")
    public Uni<Response> issueKey(@PathParam("producerId") String producerId, @Valid @NotNull NewKey request) {
        return accounts.issueKey(producerId, request.owners())
                .map(issued ->
                        Response.status(Response.Status.CREATED).entity(issued).build());
    }

    @DELETE
    @Path("{producerId}/keys/{keyId}")
    @Operation(summary = "Revoke an API key", description = "Requests with the key are refused with 401 from then on.")
    @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
    @APIResponse(responseCode = "404", description = "No such key")
    public Uni<Response> revoke(@PathParam("producerId") String producerId, @PathParam("keyId") String keyId) {
        return accounts.revoke(producerId, keyId)
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Operation(summary = "List producers and their keys (never the secrets)")
    @APIResponse(responseCode = "200", description = "Every producer")
    public Uni<List<ProducerAccounts.ProducerSummary>> list() {
        return accounts.list();
    }
}
