use std::collections::HashMap;
use std::sync::Arc;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    routing::get,
    Json, Router,
};
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Serialize)]
struct Book {
    id: u32,
    title: &'static str,
}

type Titles = Arc<HashMap<u32, &'static str>>;

#[tokio::main]
async fn main() {
    let titles: Titles = Arc::new(HashMap::from([(1, "Dune"), (2, "Kindred")]));

    let app = Router::new()
        .route("/health", get(health))
        .route("/books/{id}", get(book))
        .with_state(titles);

    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn book(
    State(titles): State<Titles>,
    Path(id): Path<u32>,
) -> Result<Json<Book>, (StatusCode, Json<Value>)> {
    match titles.get(&id) {
        Some(&title) => Ok(Json(Book { id, title })),
        None => Err((
            StatusCode::NOT_FOUND,
            Json(json!({ "error": "book not found" })),
        )),
    }
}
