from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()

BOOKS = {
    1: {"id": 1, "title": "Dune"},
    2: {"id": 2, "title": "Kindred"},
}


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/books/{book_id}")
def read_book(book_id: int):
    book = BOOKS.get(book_id)
    if book is None:
        return JSONResponse({"error": "book not found"}, status_code=404)
    return book
