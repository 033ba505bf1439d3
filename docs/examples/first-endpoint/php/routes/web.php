<?php

use Illuminate\Support\Facades\Route;

$books = [
    1 => ['id' => 1, 'title' => 'Dune'],
    2 => ['id' => 2, 'title' => 'Kindred'],
];

Route::get('/health', function () {
    return response()->json(['status' => 'ok']);
});

Route::get('/books/{id}', function (int $id) use ($books) {
    if (! isset($books[$id])) {
        return response()->json(['error' => 'book not found'], 404);
    }

    return response()->json($books[$id]);
})->whereNumber('id');
