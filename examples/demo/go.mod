module example.com/gomem/demo

go 1.22
