// Sequelize models and the shared clients used by the TypeScript order code.
// (Types only matter for plausibility: the example's dependencies are not installed.)
import { DataTypes, Model, Sequelize } from 'sequelize';
import { PrismaClient } from '@prisma/client';
import { Pool } from 'pg';

export const prisma = new PrismaClient();
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
export const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'postgres://localhost/shop', { logging: false });

export class Product extends Model {
  declare id: number;
  declare sku: string;
  declare name: string;
  declare priceCents: number;
}
Product.init(
  { sku: DataTypes.STRING, name: DataTypes.STRING, priceCents: DataTypes.INTEGER },
  { sequelize, tableName: 'products' },
);

export class LineItem extends Model {
  declare id: number;
  declare orderId: number;
  declare productId: number;
  declare quantity: number;
  declare product?: Product;
}
LineItem.init(
  { orderId: DataTypes.INTEGER, productId: DataTypes.INTEGER, quantity: DataTypes.INTEGER },
  { sequelize, tableName: 'line_items' },
);
LineItem.belongsTo(Product, { foreignKey: 'productId', as: 'product' });
