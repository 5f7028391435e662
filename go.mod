module github.com/entityextraction/extractd

go 1.26.8
