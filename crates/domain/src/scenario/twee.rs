//! Importing scenarios drafted in Twine (Twee 3). Filled in below.
