//! PostgreSQL restarting (stopped at once, as in a crash, started a few seconds later) while
//! agents sync their results: nothing acknowledged is lost, readiness says 503 while it is
//! down, and the server recovers by itself.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::*;
use cinco_tests::cluster::PrivatePostgres;
use cinco_tests::{TestPostgres, spawn_app_on};

/// One device: sends `batches` attempts one after another, each until it is acknowledged
/// (as the PWA's queue does); returns the ids of the answers the server acknowledged.
async fn device(
    address: String,
    token: String,
    version: String,
    batches: usize,
) -> (BTreeSet<String>, usize) {
    let client = reqwest::Client::new();
    let mut acknowledged = BTreeSet::new();
    let mut refused = 0;
    for _ in 0..batches {
        let mut pending = attempt_results(
            &uuid::Uuid::new_v4().to_string(),
            &version,
            true,
            Utc::now(),
        );
        while !pending.is_empty() {
            let sent = client
                .post(format!("{address}/api/v1/sync"))
                .bearer_auth(&token)
                .json(&json!({"results": pending}))
                .timeout(Duration::from_secs(10))
                .send()
                .await;
            match sent {
                Ok(res) if res.status() == StatusCode::OK => {
                    let report: Value = res.json().await.unwrap_or_default();
                    let outcomes = report["outcomes"].as_array().cloned().unwrap_or_default();
                    assert_eq!(outcomes.len(), pending.len(), "{report}");
                    // Acknowledged results leave the device; the ones to retry stay.
                    let mut keep = Vec::new();
                    for (outcome, result) in outcomes.iter().zip(pending) {
                        match outcome["status"].as_str().unwrap_or_default() {
                            "accepted" | "duplicate" => {
                                acknowledged
                                    .insert(outcome["id"].as_str().unwrap_or_default().to_owned());
                            }
                            "retry" => {
                                refused += 1;
                                keep.push(result);
                            }
                            _ => panic!("refused for good during an outage: {outcome}"),
                        }
                    }
                    pending = keep;
                }
                Ok(res) => {
                    // Not acknowledged: kept on the device and sent again. Never a 500.
                    let status = res.status();
                    assert_ne!(
                        status,
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "{:?}",
                        res.text().await
                    );
                    refused += 1;
                }
                Err(_) => refused += 1,
            }
            if !pending.is_empty() {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    (acknowledged, refused)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_restart_loses_no_acknowledged_result() {
    if std::env::var("TEST_POSTGRES_URL").map_or(true, |u| u.is_empty()) {
        return eprintln!("skipped: set TEST_POSTGRES_URL to run on PostgreSQL");
    }
    let Some(cluster) = PrivatePostgres::start() else {
        panic!(
            "TEST_POSTGRES_URL is set but no PostgreSQL binaries were found in /usr/lib/postgresql"
        );
    };
    let app = spawn_app_on(Some(TestPostgres::create_on(cluster.url()).await), |s| {
        s.http_workers = 2;
    })
    .await;
    let o = org(&app, &[("fcr-first", "ownership")]).await;
    let version = lesson_item(&today(&app, &o.agent).await).0;

    let devices: Vec<_> = (0..3)
        .map(|_| {
            tokio::spawn(device(
                app.address.clone(),
                o.agent.access_token.clone(),
                version.clone(),
                30,
            ))
        })
        .collect();
    // Let some results land, then crash the database.
    while count(&app, "SELECT COUNT(*) FROM lesson_answers").await < 30 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    cluster.crash();
    let down_at = Instant::now();
    let ready = app.get("/health/ready").await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(read_json(ready).await["code"], "database_unavailable");
    assert_eq!(
        app.get("/health/live").await.status(),
        StatusCode::OK,
        "the process stays alive"
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    cluster.resume();

    let mut acknowledged = BTreeSet::new();
    let mut refused = 0;
    for d in devices {
        let (ids, r) = tokio::time::timeout(Duration::from_secs(120), d)
            .await
            .unwrap_or_else(|_| panic!("devices did not finish after the restart"))
            .unwrap_or_else(|e| panic!("{e}"));
        acknowledged.extend(ids);
        refused += r;
    }
    assert!(refused > 0, "the outage was seen by the devices");
    eprintln!(
        "recovered {:?} after the crash; {refused} sends were refused and retried",
        down_at.elapsed()
    );
    assert_eq!(
        app.get("/health/ready").await.status(),
        StatusCode::OK,
        "ready again without a restart"
    );

    // Every acknowledged answer is stored: 3 devices × 30 attempts × 3 answers.
    assert_eq!(
        acknowledged.iter().filter(|id| !id.is_empty()).count(),
        3 * 30 * 4
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM lesson_answers").await,
        3 * 30 * 3
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM lesson_attempts WHERE completed_at IS NOT NULL"
        )
        .await,
        3 * 30
    );
}
