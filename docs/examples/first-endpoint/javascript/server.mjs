import express from "express";

const app = express();

const books = new Map([
  [1, { id: 1, title: "Dune" }],
  [2, { id: 2, title: "Kindred" }],
]);

app.get("/health", (req, res) => {
  res.json({ status: "ok" });
});

app.get("/books/:id", (req, res) => {
  const book = books.get(Number(req.params.id));
  if (!book) {
    res.status(404).json({ error: "book not found" });
    return;
  }
  res.json(book);
});

app.listen(3000, () => {
  console.log("Listening on http://localhost:3000");
});
