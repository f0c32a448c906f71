module gomem.invalid/bench/gen

go 1.22
