"""What documents and files say, without Qt: report and statement content, the park summary, money in words, the file layouts, exports and import templates."""
