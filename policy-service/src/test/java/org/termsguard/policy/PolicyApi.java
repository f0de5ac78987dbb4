package org.termsguard.policy;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.termsguard.testsupport.TestTokens;

/** The admin calls tests make, through the public API like any owner's tooling. */
final class PolicyApi {

    private PolicyApi() {}

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType(ContentType.JSON);
    }

    /** DESIGN.md's x-corp under another id, effective from 1 April 2023. */
    static void createOwner(String owner) {
        asAdmin()
                .body(
                        """
                        {"displayName":"X Corp. (Twitter)","noticeContact":"legal@x.example",
                         "defaultTerms":{"allowedPurposes":["display","search"],
                                         "licenseRequiredFor":["ai-train","ai-input","ai-index","analytics"],
                                         "listPrice":{"perThousandRecords":"0.84","currency":"USD"}},
                         "robotsTxt":"User-agent: GPTBot\\nDisallow: /\\n\\nUser-agent: *\\nAllow: /\\n",
                         "effectiveFrom":"2023-04-01T00:00:00Z"}""")
                .put("/v1/owners/" + owner)
                .then()
                .statusCode(201);
    }

    static String license(String id, String licensee, long quota, String status) {
        return """
                {"licenseId":"%s","licensee":"%s","tier":"enterprise","purposes":["display","analytics"],
                 "scope":{"resourceKinds":["posts","tweets"],"uriPrefixes":["https://api.x.example/2/"]},
                 "quota":{"records":%d,"period":"P1M"},"price":{"amount":"42000.00","currency":"USD","period":"P1M"},
                 "overagePerThousand":{"amount":"0.84","currency":"USD"},
                 "validFrom":"2023-04-01T00:00:00Z","validUntil":"2024-03-31T23:59:59Z","status":"%s"}"""
                .formatted(id, licensee, quota, status);
    }

    static void addLicense(String owner, String body) {
        asAdmin().body(body).post("/v1/owners/" + owner + "/licenses").then().statusCode(201);
    }

    static String event(String id, String owner, String consumer, String purpose, long records, String observedAt) {
        return """
                {"eventId":"%s","observedAt":"%s","owner":"%s","consumer":%s,"channel":"api",
                 "resource":{"kind":"tweets","uri":"https://api.x.example/2/tweets/search/all"},
                 "purpose":%s,"volume":{"records":%d},
                 "evidence":{"apiClientId":"ms-ads-7731","identity":"claimed"},
                 "producer":"gateway-1","receivedAt":"%s"}"""
                .formatted(
                        id,
                        observedAt,
                        owner,
                        consumer == null ? "null" : "\"" + consumer + "\"",
                        purpose == null ? "null" : "\"" + purpose + "\"",
                        records,
                        observedAt);
    }
}
