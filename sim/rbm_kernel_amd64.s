//go:build amd64 && !purego

#include "textflag.h"

// func gemm4AVX2(c *float64, ldc int, a *float64, ars, aks int, b *float64, ldb, k, n int)
//
// C[r*ldc+j] += Σ_{q<k} A[r*ars+q*aks] · B[q*ldb+j] for the four rows r of
// C and its first n columns (a multiple of 4, k ≥ 1). A block of 4 rows ×
// 12 columns of C stays in twelve registers while q runs over k: each step
// loads 12 numbers of B, broadcasts 4 of A and makes 12 fused
// multiply-adds; a last block of 4 columns takes the remainder.
TEXT ·gemm4AVX2(SB), NOSPLIT, $0-72
	MOVQ c+0(FP), DI
	MOVQ ldc+8(FP), R8
	SHLQ $3, R8
	MOVQ a+16(FP), SI
	MOVQ ars+24(FP), R9
	SHLQ $3, R9
	MOVQ aks+32(FP), R10
	SHLQ $3, R10
	MOVQ b+40(FP), DX
	MOVQ ldb+48(FP), R11
	SHLQ $3, R11
	MOVQ k+56(FP), CX
	MOVQ n+64(FP), BX
	LEAQ (R9)(R9*2), R12

cols12:
	CMPQ BX, $12
	JLT  cols4
	LEAQ (DI)(R8*2), AX
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD (DI)(R8*1), Y3
	VMOVUPD 32(DI)(R8*1), Y4
	VMOVUPD 64(DI)(R8*1), Y5
	VMOVUPD (AX), Y6
	VMOVUPD 32(AX), Y7
	VMOVUPD 64(AX), Y8
	VMOVUPD (AX)(R8*1), Y9
	VMOVUPD 32(AX)(R8*1), Y10
	VMOVUPD 64(AX)(R8*1), Y11
	MOVQ SI, R14
	MOVQ DX, R13
	MOVQ CX, AX

loop12:
	VMOVUPD      (R13), Y12
	VMOVUPD      32(R13), Y13
	VMOVUPD      64(R13), Y14
	VBROADCASTSD (R14), Y15
	VFMADD231PD  Y12, Y15, Y0
	VFMADD231PD  Y13, Y15, Y1
	VFMADD231PD  Y14, Y15, Y2
	VBROADCASTSD (R14)(R9*1), Y15
	VFMADD231PD  Y12, Y15, Y3
	VFMADD231PD  Y13, Y15, Y4
	VFMADD231PD  Y14, Y15, Y5
	VBROADCASTSD (R14)(R9*2), Y15
	VFMADD231PD  Y12, Y15, Y6
	VFMADD231PD  Y13, Y15, Y7
	VFMADD231PD  Y14, Y15, Y8
	VBROADCASTSD (R14)(R12*1), Y15
	VFMADD231PD  Y12, Y15, Y9
	VFMADD231PD  Y13, Y15, Y10
	VFMADD231PD  Y14, Y15, Y11
	ADDQ         R10, R14
	ADDQ         R11, R13
	DECQ         AX
	JNZ          loop12

	LEAQ    (DI)(R8*2), AX
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, (DI)(R8*1)
	VMOVUPD Y4, 32(DI)(R8*1)
	VMOVUPD Y5, 64(DI)(R8*1)
	VMOVUPD Y6, (AX)
	VMOVUPD Y7, 32(AX)
	VMOVUPD Y8, 64(AX)
	VMOVUPD Y9, (AX)(R8*1)
	VMOVUPD Y10, 32(AX)(R8*1)
	VMOVUPD Y11, 64(AX)(R8*1)
	ADDQ    $96, DI
	ADDQ    $96, DX
	SUBQ    $12, BX
	JMP     cols12

cols4:
	CMPQ BX, $4
	JLT  done
	LEAQ (DI)(R8*2), AX
	VMOVUPD (DI), Y0
	VMOVUPD (DI)(R8*1), Y3
	VMOVUPD (AX), Y6
	VMOVUPD (AX)(R8*1), Y9
	MOVQ SI, R14
	MOVQ DX, R13
	MOVQ CX, AX

loop4:
	VMOVUPD      (R13), Y12
	VBROADCASTSD (R14), Y15
	VFMADD231PD  Y12, Y15, Y0
	VBROADCASTSD (R14)(R9*1), Y15
	VFMADD231PD  Y12, Y15, Y3
	VBROADCASTSD (R14)(R9*2), Y15
	VFMADD231PD  Y12, Y15, Y6
	VBROADCASTSD (R14)(R12*1), Y15
	VFMADD231PD  Y12, Y15, Y9
	ADDQ         R10, R14
	ADDQ         R11, R13
	DECQ         AX
	JNZ          loop4

	LEAQ    (DI)(R8*2), AX
	VMOVUPD Y0, (DI)
	VMOVUPD Y3, (DI)(R8*1)
	VMOVUPD Y6, (AX)
	VMOVUPD Y9, (AX)(R8*1)
	ADDQ    $32, DI
	ADDQ    $32, DX
	SUBQ    $4, BX
	JMP     cols4

done:
	VZEROUPPER
	RET

// func gemm4AVX512(c *float64, ldc int, a *float64, ars, aks int, b *float64, ldb, k, n int)
//
// gemm4AVX2 with 512-bit registers: blocks of 4 rows × 24 columns in twelve
// registers, then one of 4 × 12 (8 + 4 lanes, eight chains of additions,
// enough to keep both FMA units busy), then blocks of 4 × 4.
TEXT ·gemm4AVX512(SB), NOSPLIT, $0-72
	MOVQ c+0(FP), DI
	MOVQ ldc+8(FP), R8
	SHLQ $3, R8
	MOVQ a+16(FP), SI
	MOVQ ars+24(FP), R9
	SHLQ $3, R9
	MOVQ aks+32(FP), R10
	SHLQ $3, R10
	MOVQ b+40(FP), DX
	MOVQ ldb+48(FP), R11
	SHLQ $3, R11
	MOVQ k+56(FP), CX
	MOVQ n+64(FP), BX
	LEAQ (R9)(R9*2), R12

z24:
	CMPQ BX, $24
	JLT  z12
	LEAQ (DI)(R8*2), AX
	VMOVUPD (DI), Z0
	VMOVUPD 64(DI), Z1
	VMOVUPD 128(DI), Z2
	VMOVUPD (DI)(R8*1), Z3
	VMOVUPD 64(DI)(R8*1), Z4
	VMOVUPD 128(DI)(R8*1), Z5
	VMOVUPD (AX), Z6
	VMOVUPD 64(AX), Z7
	VMOVUPD 128(AX), Z8
	VMOVUPD (AX)(R8*1), Z9
	VMOVUPD 64(AX)(R8*1), Z10
	VMOVUPD 128(AX)(R8*1), Z11
	MOVQ SI, R14
	MOVQ DX, R13
	MOVQ CX, AX

z24loop:
	VMOVUPD      (R13), Z12
	VMOVUPD      64(R13), Z13
	VMOVUPD      128(R13), Z14
	VBROADCASTSD (R14), Z15
	VFMADD231PD  Z12, Z15, Z0
	VFMADD231PD  Z13, Z15, Z1
	VFMADD231PD  Z14, Z15, Z2
	VBROADCASTSD (R14)(R9*1), Z16
	VFMADD231PD  Z12, Z16, Z3
	VFMADD231PD  Z13, Z16, Z4
	VFMADD231PD  Z14, Z16, Z5
	VBROADCASTSD (R14)(R9*2), Z17
	VFMADD231PD  Z12, Z17, Z6
	VFMADD231PD  Z13, Z17, Z7
	VFMADD231PD  Z14, Z17, Z8
	VBROADCASTSD (R14)(R12*1), Z18
	VFMADD231PD  Z12, Z18, Z9
	VFMADD231PD  Z13, Z18, Z10
	VFMADD231PD  Z14, Z18, Z11
	ADDQ         R10, R14
	ADDQ         R11, R13
	DECQ         AX
	JNZ          z24loop

	LEAQ    (DI)(R8*2), AX
	VMOVUPD Z0, (DI)
	VMOVUPD Z1, 64(DI)
	VMOVUPD Z2, 128(DI)
	VMOVUPD Z3, (DI)(R8*1)
	VMOVUPD Z4, 64(DI)(R8*1)
	VMOVUPD Z5, 128(DI)(R8*1)
	VMOVUPD Z6, (AX)
	VMOVUPD Z7, 64(AX)
	VMOVUPD Z8, 128(AX)
	VMOVUPD Z9, (AX)(R8*1)
	VMOVUPD Z10, 64(AX)(R8*1)
	VMOVUPD Z11, 128(AX)(R8*1)
	ADDQ    $192, DI
	ADDQ    $192, DX
	SUBQ    $24, BX
	JMP     z24

z12:
	CMPQ BX, $12
	JLT  z4
	LEAQ (DI)(R8*2), AX
	VMOVUPD (DI), Z0
	VMOVUPD 64(DI), Y1
	VMOVUPD (DI)(R8*1), Z3
	VMOVUPD 64(DI)(R8*1), Y4
	VMOVUPD (AX), Z6
	VMOVUPD 64(AX), Y7
	VMOVUPD (AX)(R8*1), Z9
	VMOVUPD 64(AX)(R8*1), Y10
	MOVQ SI, R14
	MOVQ DX, R13
	MOVQ CX, AX

z12loop:
	VMOVUPD      (R13), Z12
	VMOVUPD      64(R13), Y13
	VBROADCASTSD (R14), Z15
	VFMADD231PD  Z12, Z15, Z0
	VFMADD231PD  Y13, Y15, Y1
	VBROADCASTSD (R14)(R9*1), Z14
	VFMADD231PD  Z12, Z14, Z3
	VFMADD231PD  Y13, Y14, Y4
	VBROADCASTSD (R14)(R9*2), Z11
	VFMADD231PD  Z12, Z11, Z6
	VFMADD231PD  Y13, Y11, Y7
	VBROADCASTSD (R14)(R12*1), Z8
	VFMADD231PD  Z12, Z8, Z9
	VFMADD231PD  Y13, Y8, Y10
	ADDQ         R10, R14
	ADDQ         R11, R13
	DECQ         AX
	JNZ          z12loop

	LEAQ    (DI)(R8*2), AX
	VMOVUPD Z0, (DI)
	VMOVUPD Y1, 64(DI)
	VMOVUPD Z3, (DI)(R8*1)
	VMOVUPD Y4, 64(DI)(R8*1)
	VMOVUPD Z6, (AX)
	VMOVUPD Y7, 64(AX)
	VMOVUPD Z9, (AX)(R8*1)
	VMOVUPD Y10, 64(AX)(R8*1)
	ADDQ    $96, DI
	ADDQ    $96, DX
	SUBQ    $12, BX
	JMP     z12

z4:
	CMPQ BX, $4
	JLT  zdone
	LEAQ (DI)(R8*2), AX
	VMOVUPD (DI), Y0
	VMOVUPD (DI)(R8*1), Y3
	VMOVUPD (AX), Y6
	VMOVUPD (AX)(R8*1), Y9
	MOVQ SI, R14
	MOVQ DX, R13
	MOVQ CX, AX

z4loop:
	VMOVUPD      (R13), Y12
	VBROADCASTSD (R14), Y15
	VFMADD231PD  Y12, Y15, Y0
	VBROADCASTSD (R14)(R9*1), Y15
	VFMADD231PD  Y12, Y15, Y3
	VBROADCASTSD (R14)(R9*2), Y15
	VFMADD231PD  Y12, Y15, Y6
	VBROADCASTSD (R14)(R12*1), Y15
	VFMADD231PD  Y12, Y15, Y9
	ADDQ         R10, R14
	ADDQ         R11, R13
	DECQ         AX
	JNZ          z4loop

	LEAQ    (DI)(R8*2), AX
	VMOVUPD Y0, (DI)
	VMOVUPD Y3, (DI)(R8*1)
	VMOVUPD Y6, (AX)
	VMOVUPD Y9, (AX)(R8*1)
	ADDQ    $32, DI
	ADDQ    $32, DX
	SUBQ    $4, BX
	JMP     z4

zdone:
	VZEROUPPER
	RET

// func gemm8x12AVX512(c *float64, ldc int, a *float64, ars, aks int, b *float64, ldb, k int)
//
// C[r*ldc+j] += Σ_{q<k} A[r*ars+q*aks] · B[q*ldb+j] for 8 rows and exactly
// 12 columns: the shape of the hidden layer's products for a batch of 10
// (padded to 12). Each row keeps 8 + 4 columns in two registers, sixteen
// chains of additions in all, twice what a 4-row block has, so the FMA
// units never wait on one another.
TEXT ·gemm8x12AVX512(SB), NOSPLIT, $0-64
	MOVQ c+0(FP), DI
	MOVQ ldc+8(FP), R8
	SHLQ $3, R8
	MOVQ a+16(FP), R14
	MOVQ ars+24(FP), R9
	SHLQ $3, R9
	MOVQ aks+32(FP), R10
	SHLQ $3, R10
	MOVQ b+40(FP), R13
	MOVQ ldb+48(FP), R11
	SHLQ $3, R11
	MOVQ k+56(FP), CX
	LEAQ (R9)(R9*2), R12
	LEAQ (R14)(R9*4), BX
	LEAQ (R8)(R8*2), AX
	ADDQ DI, AX
	LEAQ (DI)(R8*4), SI
	LEAQ (SI)(R8*2), DX
	ADDQ R8, DX
	VMOVUPD (DI), Z0
	VMOVUPD 64(DI), Y8
	VMOVUPD (DI)(R8*1), Z1
	VMOVUPD 64(DI)(R8*1), Y9
	VMOVUPD (DI)(R8*2), Z2
	VMOVUPD 64(DI)(R8*2), Y10
	VMOVUPD (AX), Z3
	VMOVUPD 64(AX), Y11
	VMOVUPD (SI), Z4
	VMOVUPD 64(SI), Y12
	VMOVUPD (SI)(R8*1), Z5
	VMOVUPD 64(SI)(R8*1), Y13
	VMOVUPD (SI)(R8*2), Z6
	VMOVUPD 64(SI)(R8*2), Y14
	VMOVUPD (DX), Z7
	VMOVUPD 64(DX), Y15

k12loop:
	VMOVUPD (R13), Z16
	VMOVUPD 64(R13), Y17
	VBROADCASTSD (R14), Z18
	VFMADD231PD Z16, Z18, Z0
	VFMADD231PD Y17, Y18, Y8
	VBROADCASTSD (R14)(R9*1), Z19
	VFMADD231PD Z16, Z19, Z1
	VFMADD231PD Y17, Y19, Y9
	VBROADCASTSD (R14)(R9*2), Z20
	VFMADD231PD Z16, Z20, Z2
	VFMADD231PD Y17, Y20, Y10
	VBROADCASTSD (R14)(R12*1), Z21
	VFMADD231PD Z16, Z21, Z3
	VFMADD231PD Y17, Y21, Y11
	VBROADCASTSD (BX), Z18
	VFMADD231PD Z16, Z18, Z4
	VFMADD231PD Y17, Y18, Y12
	VBROADCASTSD (BX)(R9*1), Z19
	VFMADD231PD Z16, Z19, Z5
	VFMADD231PD Y17, Y19, Y13
	VBROADCASTSD (BX)(R9*2), Z20
	VFMADD231PD Z16, Z20, Z6
	VFMADD231PD Y17, Y20, Y14
	VBROADCASTSD (BX)(R12*1), Z21
	VFMADD231PD Z16, Z21, Z7
	VFMADD231PD Y17, Y21, Y15
	ADDQ R10, R14
	ADDQ R10, BX
	ADDQ R11, R13
	DECQ CX
	JNZ  k12loop

	VMOVUPD Z0, (DI)
	VMOVUPD Y8, 64(DI)
	VMOVUPD Z1, (DI)(R8*1)
	VMOVUPD Y9, 64(DI)(R8*1)
	VMOVUPD Z2, (DI)(R8*2)
	VMOVUPD Y10, 64(DI)(R8*2)
	VMOVUPD Z3, (AX)
	VMOVUPD Y11, 64(AX)
	VMOVUPD Z4, (SI)
	VMOVUPD Y12, 64(SI)
	VMOVUPD Z5, (SI)(R8*1)
	VMOVUPD Y13, 64(SI)(R8*1)
	VMOVUPD Z6, (SI)(R8*2)
	VMOVUPD Y14, 64(SI)(R8*2)
	VMOVUPD Z7, (DX)
	VMOVUPD Y15, 64(DX)
	VZEROUPPER
	RET

// func gemm12x16AVX512(c *float64, ldc int, a *float64, aks int, b *float64, ldb, k, n int)
//
// C[r*ldc+j] += Σ_{q<k} A[r+q*aks] · B[q*ldb+j] for 12 rows and the first
// n columns (a multiple of 16), with A's column contiguous: the visible
// layer's product for a batch of 10 (padded to 12), where A is the
// hidden states Hidden×12 and B is W. All 12 rows of a 16-column block
// stay in 24 registers, so B (W) is read once per product rather than once
// per 4 rows.
TEXT ·gemm12x16AVX512(SB), NOSPLIT, $0-64
	MOVQ c+0(FP), DI
	MOVQ ldc+8(FP), R8
	SHLQ $3, R8
	MOVQ a+16(FP), SI
	MOVQ aks+24(FP), R10
	SHLQ $3, R10
	MOVQ b+32(FP), R9
	MOVQ ldb+40(FP), R11
	SHLQ $3, R11
	MOVQ n+56(FP), R12
	LEAQ (R8)(R8*2), AX
	ADDQ DI, AX
	LEAQ (AX)(R8*2), BX
	ADDQ R8, BX
	LEAQ (BX)(R8*2), DX
	ADDQ R8, DX

c16:
	CMPQ R12, $16
	JLT  c16done
	VMOVUPD (DI), Z0
	VMOVUPD 64(DI), Z1
	VMOVUPD (DI)(R8*1), Z2
	VMOVUPD 64(DI)(R8*1), Z3
	VMOVUPD (DI)(R8*2), Z4
	VMOVUPD 64(DI)(R8*2), Z5
	VMOVUPD (AX), Z6
	VMOVUPD 64(AX), Z7
	VMOVUPD (AX)(R8*1), Z8
	VMOVUPD 64(AX)(R8*1), Z9
	VMOVUPD (AX)(R8*2), Z10
	VMOVUPD 64(AX)(R8*2), Z11
	VMOVUPD (BX), Z12
	VMOVUPD 64(BX), Z13
	VMOVUPD (BX)(R8*1), Z14
	VMOVUPD 64(BX)(R8*1), Z15
	VMOVUPD (BX)(R8*2), Z16
	VMOVUPD 64(BX)(R8*2), Z17
	VMOVUPD (DX), Z18
	VMOVUPD 64(DX), Z19
	VMOVUPD (DX)(R8*1), Z20
	VMOVUPD 64(DX)(R8*1), Z21
	VMOVUPD (DX)(R8*2), Z22
	VMOVUPD 64(DX)(R8*2), Z23
	MOVQ SI, R14
	MOVQ R9, R13
	MOVQ k+48(FP), CX

c16loop:
	VMOVUPD (R13), Z24
	VMOVUPD 64(R13), Z25
	VBROADCASTSD 0(R14), Z26
	VFMADD231PD Z24, Z26, Z0
	VFMADD231PD Z25, Z26, Z1
	VBROADCASTSD 8(R14), Z27
	VFMADD231PD Z24, Z27, Z2
	VFMADD231PD Z25, Z27, Z3
	VBROADCASTSD 16(R14), Z28
	VFMADD231PD Z24, Z28, Z4
	VFMADD231PD Z25, Z28, Z5
	VBROADCASTSD 24(R14), Z29
	VFMADD231PD Z24, Z29, Z6
	VFMADD231PD Z25, Z29, Z7
	VBROADCASTSD 32(R14), Z30
	VFMADD231PD Z24, Z30, Z8
	VFMADD231PD Z25, Z30, Z9
	VBROADCASTSD 40(R14), Z31
	VFMADD231PD Z24, Z31, Z10
	VFMADD231PD Z25, Z31, Z11
	VBROADCASTSD 48(R14), Z26
	VFMADD231PD Z24, Z26, Z12
	VFMADD231PD Z25, Z26, Z13
	VBROADCASTSD 56(R14), Z27
	VFMADD231PD Z24, Z27, Z14
	VFMADD231PD Z25, Z27, Z15
	VBROADCASTSD 64(R14), Z28
	VFMADD231PD Z24, Z28, Z16
	VFMADD231PD Z25, Z28, Z17
	VBROADCASTSD 72(R14), Z29
	VFMADD231PD Z24, Z29, Z18
	VFMADD231PD Z25, Z29, Z19
	VBROADCASTSD 80(R14), Z30
	VFMADD231PD Z24, Z30, Z20
	VFMADD231PD Z25, Z30, Z21
	VBROADCASTSD 88(R14), Z31
	VFMADD231PD Z24, Z31, Z22
	VFMADD231PD Z25, Z31, Z23
	ADDQ R10, R14
	ADDQ R11, R13
	DECQ CX
	JNZ  c16loop

	VMOVUPD Z0, (DI)
	VMOVUPD Z1, 64(DI)
	VMOVUPD Z2, (DI)(R8*1)
	VMOVUPD Z3, 64(DI)(R8*1)
	VMOVUPD Z4, (DI)(R8*2)
	VMOVUPD Z5, 64(DI)(R8*2)
	VMOVUPD Z6, (AX)
	VMOVUPD Z7, 64(AX)
	VMOVUPD Z8, (AX)(R8*1)
	VMOVUPD Z9, 64(AX)(R8*1)
	VMOVUPD Z10, (AX)(R8*2)
	VMOVUPD Z11, 64(AX)(R8*2)
	VMOVUPD Z12, (BX)
	VMOVUPD Z13, 64(BX)
	VMOVUPD Z14, (BX)(R8*1)
	VMOVUPD Z15, 64(BX)(R8*1)
	VMOVUPD Z16, (BX)(R8*2)
	VMOVUPD Z17, 64(BX)(R8*2)
	VMOVUPD Z18, (DX)
	VMOVUPD Z19, 64(DX)
	VMOVUPD Z20, (DX)(R8*1)
	VMOVUPD Z21, 64(DX)(R8*1)
	VMOVUPD Z22, (DX)(R8*2)
	VMOVUPD Z23, 64(DX)(R8*2)
	ADDQ $128, DI
	ADDQ $128, AX
	ADDQ $128, BX
	ADDQ $128, DX
	ADDQ $128, R9
	SUBQ $16, R12
	JMP  c16

c16done:
	VZEROUPPER
	RET

// func axpbyAVX2(dst, x *float64, a, b float64, n int)
//
// dst[i] = a·dst[i] + b·x[i] for n numbers (a multiple of 4), eight at a
// time where it can.
TEXT ·axpbyAVX2(SB), NOSPLIT, $0-40
	MOVQ         dst+0(FP), DI
	MOVQ         x+8(FP), SI
	VBROADCASTSD a+16(FP), Y14
	VBROADCASTSD b+24(FP), Y15
	MOVQ         n+32(FP), CX

ab8:
	CMPQ        CX, $8
	JLT         ab4
	VMULPD      (SI), Y15, Y0
	VMULPD      32(SI), Y15, Y1
	VFMADD231PD (DI), Y14, Y0
	VFMADD231PD 32(DI), Y14, Y1
	VMOVUPD     Y0, (DI)
	VMOVUPD     Y1, 32(DI)
	ADDQ        $64, SI
	ADDQ        $64, DI
	SUBQ        $8, CX
	JMP         ab8

ab4:
	CMPQ        CX, $4
	JLT         abdone
	VMULPD      (SI), Y15, Y0
	VFMADD231PD (DI), Y14, Y0
	VMOVUPD     Y0, (DI)

abdone:
	VZEROUPPER
	RET

// func sigmoidAVX2(dst, src *float64, n int)
//
// dst[i] = 1/(1 + e^{-x}) for the n numbers x of src (n a multiple of 4),
// by the steps of sigmoidGo, four at a time: z = −x clamped to ±700,
// z = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor polynomial of
// degree 12, 2^k added to the exponent.
TEXT ·sigmoidAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $2, CX
	JZ   sdone

sloop:
	VMOVUPD      (SI), Y0
	VXORPD       sigmoidConsts<>+0(SB), Y0, Y0
	VMINPD       sigmoidConsts<>+32(SB), Y0, Y0
	VMAXPD       sigmoidConsts<>+64(SB), Y0, Y0
	VMULPD       sigmoidConsts<>+96(SB), Y0, Y1
	VADDPD       sigmoidConsts<>+128(SB), Y1, Y2
	VSUBPD       sigmoidConsts<>+128(SB), Y2, Y1
	VFNMADD231PD sigmoidConsts<>+160(SB), Y1, Y0
	VFNMADD231PD sigmoidConsts<>+192(SB), Y1, Y0
	VMOVUPD      sigmoidConsts<>+256(SB), Y3
	VFMADD213PD  sigmoidConsts<>+288(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+320(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+352(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+384(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+416(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+448(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+480(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+512(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+544(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+576(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+608(SB), Y0, Y3
	VFMADD213PD  sigmoidConsts<>+640(SB), Y0, Y3
	VPSLLQ       $52, Y2, Y2
	VPADDQ       Y2, Y3, Y3
	VADDPD       sigmoidConsts<>+224(SB), Y3, Y3
	VMOVUPD      sigmoidConsts<>+224(SB), Y4
	VDIVPD       Y3, Y4, Y4
	VMOVUPD      Y4, (DI)
	ADDQ         $32, SI
	ADDQ         $32, DI
	DECQ         CX
	JNZ          sloop

sdone:
	VZEROUPPER
	RET

// func sigmoidAVX512(dst, src *float64, n int)
//
// sigmoidAVX2 eight at a time, with every constant held in a register and
// the final 1/(1+e) taken by VRCP14PD (14 bits) and two Newton steps
// (28, then about 53 bits) instead of a division, which would cost as
// much as all the rest.
TEXT ·sigmoidAVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ   zsdone
	VBROADCASTSD sigmoidConsts<>+0(SB), Z29
	VBROADCASTSD sigmoidConsts<>+32(SB), Z28
	VBROADCASTSD sigmoidConsts<>+64(SB), Z27
	VBROADCASTSD sigmoidConsts<>+96(SB), Z26
	VBROADCASTSD sigmoidConsts<>+128(SB), Z30
	VBROADCASTSD sigmoidConsts<>+160(SB), Z25
	VBROADCASTSD sigmoidConsts<>+192(SB), Z24
	VBROADCASTSD sigmoidConsts<>+224(SB), Z31
	VBROADCASTSD sigmoidConsts<>+256(SB), Z11
	VBROADCASTSD sigmoidConsts<>+288(SB), Z12
	VBROADCASTSD sigmoidConsts<>+320(SB), Z13
	VBROADCASTSD sigmoidConsts<>+352(SB), Z14
	VBROADCASTSD sigmoidConsts<>+384(SB), Z15
	VBROADCASTSD sigmoidConsts<>+416(SB), Z16
	VBROADCASTSD sigmoidConsts<>+448(SB), Z17
	VBROADCASTSD sigmoidConsts<>+480(SB), Z18
	VBROADCASTSD sigmoidConsts<>+512(SB), Z19
	VBROADCASTSD sigmoidConsts<>+544(SB), Z20
	VBROADCASTSD sigmoidConsts<>+576(SB), Z21
	VBROADCASTSD sigmoidConsts<>+608(SB), Z22
	VBROADCASTSD sigmoidConsts<>+640(SB), Z23

zsloop:
	VMOVUPD      (SI), Z0
	VPXORQ       Z29, Z0, Z0
	VMINPD       Z28, Z0, Z0
	VMAXPD       Z27, Z0, Z0
	VMULPD       Z26, Z0, Z1
	VADDPD       Z30, Z1, Z2
	VSUBPD       Z30, Z2, Z1
	VFNMADD231PD Z25, Z1, Z0
	VFNMADD231PD Z24, Z1, Z0
	VMOVAPD      Z11, Z3
	VFMADD213PD  Z12, Z0, Z3
	VFMADD213PD  Z13, Z0, Z3
	VFMADD213PD  Z14, Z0, Z3
	VFMADD213PD  Z15, Z0, Z3
	VFMADD213PD  Z16, Z0, Z3
	VFMADD213PD  Z17, Z0, Z3
	VFMADD213PD  Z18, Z0, Z3
	VFMADD213PD  Z19, Z0, Z3
	VFMADD213PD  Z20, Z0, Z3
	VFMADD213PD  Z21, Z0, Z3
	VFMADD213PD  Z22, Z0, Z3
	VFMADD213PD  Z23, Z0, Z3
	VPSLLQ       $52, Z2, Z2
	VPADDQ       Z2, Z3, Z3
	VADDPD       Z31, Z3, Z3
	VRCP14PD     Z3, Z4
	VMOVAPD      Z31, Z5
	VFNMADD231PD Z4, Z3, Z5
	VFMADD231PD  Z5, Z4, Z4
	VMOVAPD      Z31, Z5
	VFNMADD231PD Z4, Z3, Z5
	VFMADD231PD  Z5, Z4, Z4
	VMOVUPD      Z4, (DI)
	ADDQ         $64, SI
	ADDQ         $64, DI
	DECQ         CX
	JNZ          zsloop

zsdone:
	VZEROUPPER
	RET

DATA sigmoidConsts<>+0(SB)/8, $0x8000000000000000
DATA sigmoidConsts<>+8(SB)/8, $0x8000000000000000
DATA sigmoidConsts<>+16(SB)/8, $0x8000000000000000
DATA sigmoidConsts<>+24(SB)/8, $0x8000000000000000
DATA sigmoidConsts<>+32(SB)/8, $0x4085e00000000000
DATA sigmoidConsts<>+40(SB)/8, $0x4085e00000000000
DATA sigmoidConsts<>+48(SB)/8, $0x4085e00000000000
DATA sigmoidConsts<>+56(SB)/8, $0x4085e00000000000
DATA sigmoidConsts<>+64(SB)/8, $0xc085e00000000000
DATA sigmoidConsts<>+72(SB)/8, $0xc085e00000000000
DATA sigmoidConsts<>+80(SB)/8, $0xc085e00000000000
DATA sigmoidConsts<>+88(SB)/8, $0xc085e00000000000
DATA sigmoidConsts<>+96(SB)/8, $0x3ff71547652b82fe
DATA sigmoidConsts<>+104(SB)/8, $0x3ff71547652b82fe
DATA sigmoidConsts<>+112(SB)/8, $0x3ff71547652b82fe
DATA sigmoidConsts<>+120(SB)/8, $0x3ff71547652b82fe
DATA sigmoidConsts<>+128(SB)/8, $0x4338000000000000
DATA sigmoidConsts<>+136(SB)/8, $0x4338000000000000
DATA sigmoidConsts<>+144(SB)/8, $0x4338000000000000
DATA sigmoidConsts<>+152(SB)/8, $0x4338000000000000
DATA sigmoidConsts<>+160(SB)/8, $0x3fe62e42fee00000
DATA sigmoidConsts<>+168(SB)/8, $0x3fe62e42fee00000
DATA sigmoidConsts<>+176(SB)/8, $0x3fe62e42fee00000
DATA sigmoidConsts<>+184(SB)/8, $0x3fe62e42fee00000
DATA sigmoidConsts<>+192(SB)/8, $0x3dea39ef35793c76
DATA sigmoidConsts<>+200(SB)/8, $0x3dea39ef35793c76
DATA sigmoidConsts<>+208(SB)/8, $0x3dea39ef35793c76
DATA sigmoidConsts<>+216(SB)/8, $0x3dea39ef35793c76
DATA sigmoidConsts<>+224(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+232(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+240(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+248(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+256(SB)/8, $0x3e21eed8eff8d898
DATA sigmoidConsts<>+264(SB)/8, $0x3e21eed8eff8d898
DATA sigmoidConsts<>+272(SB)/8, $0x3e21eed8eff8d898
DATA sigmoidConsts<>+280(SB)/8, $0x3e21eed8eff8d898
DATA sigmoidConsts<>+288(SB)/8, $0x3e5ae64567f544e4
DATA sigmoidConsts<>+296(SB)/8, $0x3e5ae64567f544e4
DATA sigmoidConsts<>+304(SB)/8, $0x3e5ae64567f544e4
DATA sigmoidConsts<>+312(SB)/8, $0x3e5ae64567f544e4
DATA sigmoidConsts<>+320(SB)/8, $0x3e927e4fb7789f5c
DATA sigmoidConsts<>+328(SB)/8, $0x3e927e4fb7789f5c
DATA sigmoidConsts<>+336(SB)/8, $0x3e927e4fb7789f5c
DATA sigmoidConsts<>+344(SB)/8, $0x3e927e4fb7789f5c
DATA sigmoidConsts<>+352(SB)/8, $0x3ec71de3a556c734
DATA sigmoidConsts<>+360(SB)/8, $0x3ec71de3a556c734
DATA sigmoidConsts<>+368(SB)/8, $0x3ec71de3a556c734
DATA sigmoidConsts<>+376(SB)/8, $0x3ec71de3a556c734
DATA sigmoidConsts<>+384(SB)/8, $0x3efa01a01a01a01a
DATA sigmoidConsts<>+392(SB)/8, $0x3efa01a01a01a01a
DATA sigmoidConsts<>+400(SB)/8, $0x3efa01a01a01a01a
DATA sigmoidConsts<>+408(SB)/8, $0x3efa01a01a01a01a
DATA sigmoidConsts<>+416(SB)/8, $0x3f2a01a01a01a01a
DATA sigmoidConsts<>+424(SB)/8, $0x3f2a01a01a01a01a
DATA sigmoidConsts<>+432(SB)/8, $0x3f2a01a01a01a01a
DATA sigmoidConsts<>+440(SB)/8, $0x3f2a01a01a01a01a
DATA sigmoidConsts<>+448(SB)/8, $0x3f56c16c16c16c17
DATA sigmoidConsts<>+456(SB)/8, $0x3f56c16c16c16c17
DATA sigmoidConsts<>+464(SB)/8, $0x3f56c16c16c16c17
DATA sigmoidConsts<>+472(SB)/8, $0x3f56c16c16c16c17
DATA sigmoidConsts<>+480(SB)/8, $0x3f81111111111111
DATA sigmoidConsts<>+488(SB)/8, $0x3f81111111111111
DATA sigmoidConsts<>+496(SB)/8, $0x3f81111111111111
DATA sigmoidConsts<>+504(SB)/8, $0x3f81111111111111
DATA sigmoidConsts<>+512(SB)/8, $0x3fa5555555555555
DATA sigmoidConsts<>+520(SB)/8, $0x3fa5555555555555
DATA sigmoidConsts<>+528(SB)/8, $0x3fa5555555555555
DATA sigmoidConsts<>+536(SB)/8, $0x3fa5555555555555
DATA sigmoidConsts<>+544(SB)/8, $0x3fc5555555555555
DATA sigmoidConsts<>+552(SB)/8, $0x3fc5555555555555
DATA sigmoidConsts<>+560(SB)/8, $0x3fc5555555555555
DATA sigmoidConsts<>+568(SB)/8, $0x3fc5555555555555
DATA sigmoidConsts<>+576(SB)/8, $0x3fe0000000000000
DATA sigmoidConsts<>+584(SB)/8, $0x3fe0000000000000
DATA sigmoidConsts<>+592(SB)/8, $0x3fe0000000000000
DATA sigmoidConsts<>+600(SB)/8, $0x3fe0000000000000
DATA sigmoidConsts<>+608(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+616(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+624(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+632(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+640(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+648(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+656(SB)/8, $0x3ff0000000000000
DATA sigmoidConsts<>+664(SB)/8, $0x3ff0000000000000
GLOBL sigmoidConsts<>(SB), RODATA|NOPTR, $672
